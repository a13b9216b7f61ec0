import { z } from 'zod';
import { Confirmation } from './confirmation';
import { boundedJsonObject, type JsonLimits } from './json-limits';
import { Rule } from './recommendations';
import { StoredSynonymSet } from './search';

/** What a rules export says it is; an import refuses any other format or version. */
export const RULES_DOCUMENT_FORMAT = 'instinct.merchandising';
export const RULES_DOCUMENT_VERSION = 1;
/**
 * At most this many entries of each kind in one import. The writes run as one synchronous SQLite
 * transaction on the engine's thread; these caps keep it well under a second on a loaded 2-core box
 * (docs/RANKING.md, Export and import). A larger synonym table is imported in several `add` files.
 */
export const MAX_IMPORTED_RULES = 1000;
export const MAX_IMPORTED_SYNONYMS = 1000;
/** One entry of an import: a rule's fields (schedule windows are the deepest part) or a synonym set. */
export const IMPORT_ENTRY_LIMITS: JsonLimits = { maxDepth: 5, maxBytes: 16384, maxEntries: 256, maxKeyLength: 64 };

/** A rule as an export writes it: its fields, and its id (for people reading the file; an import ignores it). */
export const ExportedRule = Rule.omit({ createdAt: true, updatedAt: true });
export type ExportedRule = z.infer<typeof ExportedRule>;
export const ExportedSynonymSet = z.object({ synonymId: z.string().optional(), kind: z.enum(['two-way', 'one-way']), from: z.string().nullable().optional(), terms: z.array(z.string()) });
export type ExportedSynonymSet = z.infer<typeof ExportedSynonymSet>;

/** rules.export: every merchandising rule and synonym set, as one versioned JSON document. */
export const RulesDocument = z.object({
  format: z.literal(RULES_DOCUMENT_FORMAT),
  version: z.literal(RULES_DOCUMENT_VERSION),
  exportedAt: z.number(),
  rules: z.array(ExportedRule),
  synonyms: z.array(ExportedSynonymSet),
});
export type RulesDocument = z.infer<typeof RulesDocument>;

/**
 * What rules.import accepts as its document: the envelope is checked here, each entry by the engine
 * (every failure names `document.rules.<index>.<field>` or `document.synonyms.<index>.<field>`).
 */
export const ImportedDocument = z
  .object({
    format: z.string().max(100).refine((f) => f === RULES_DOCUMENT_FORMAT, `not a rules export (format must be "${RULES_DOCUMENT_FORMAT}")`),
    version: z.number().refine((v) => v === RULES_DOCUMENT_VERSION, `this engine reads version ${RULES_DOCUMENT_VERSION} of the rules export`),
    exportedAt: z.number().optional(),
    rules: z.array(boundedJsonObject(IMPORT_ENTRY_LIMITS)).max(MAX_IMPORTED_RULES).default([]),
    synonyms: z.array(boundedJsonObject(IMPORT_ENTRY_LIMITS)).max(MAX_IMPORTED_SYNONYMS).default([]),
  })
  .strict();

/** add: the entries join what is there (an entry equal to an existing one is skipped); replace: afterwards exactly the document's entries exist (equal ones are kept with their ids). */
export const IMPORT_MODES = ['add', 'replace'] as const;
export const ImportMode = z.enum(IMPORT_MODES);
export type ImportMode = z.infer<typeof ImportMode>;

export const RulesImportRequest = z
  .object({
    document: ImportedDocument,
    mode: ImportMode,
    /** true: check everything and answer with what would change, storing nothing. */
    dryRun: z.boolean().default(false),
    /** The operator's reason, required to apply (a bulk change to what shoppers see); it goes into the audit log. */
    confirm: Confirmation.optional(),
  })
  .strict()
  .refine((r) => r.dryRun || r.confirm !== undefined, { path: ['confirm'], message: 'applying an import needs a reason' });
export type RulesImportRequest = z.input<typeof RulesImportRequest>;

export const RulesImportResult = z.object({
  mode: ImportMode,
  dryRun: z.boolean(),
  /** false on a dry run: nothing was stored. */
  applied: z.boolean(),
  rules: z.object({
    /** The rules created, with the index of their entry (ids are provisional on a dry run). */
    added: z.array(z.object({ index: z.number().int(), rule: Rule })),
    /** replace: the rules deleted because the document does not hold them. */
    removed: z.array(Rule),
    /** Entries equal to a rule already there, left as they are. */
    unchanged: z.number().int(),
  }),
  synonyms: z.object({
    added: z.array(z.object({ index: z.number().int(), set: StoredSynonymSet })),
    removed: z.array(StoredSynonymSet),
    unchanged: z.number().int(),
  }),
});
export type RulesImportResult = z.infer<typeof RulesImportResult>;

/** One change to a rule, read back from the audit log. */
export const RuleHistoryEntry = z.object({
  seq: z.number().int(),
  ts: z.number(),
  actor: z.string(),
  /** rule.create, rule.update or rule.delete. */
  action: z.string(),
  /** The fields this write changed (every field on a create), with their values before and after. */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  /** The reason given to the guard or to an import, when there was one. */
  reason: z.string().nullable(),
  /** 'rules.import' when the write came from an import. */
  via: z.string().nullable(),
});
export type RuleHistoryEntry = z.infer<typeof RuleHistoryEntry>;

export const RuleHistoryRequest = z.object({ ruleId: z.string().min(1).max(64), limit: z.number().int().min(1).max(200).default(50) }).strict();
export const RuleHistory = z.object({ ruleId: z.string(), entries: z.array(RuleHistoryEntry) });
export type RuleHistory = z.infer<typeof RuleHistory>;

const Empty = z.object({}).strict().default({});

export const ruleTransferMethods = {
  'rules.export': { input: Empty, output: RulesDocument },
  /** Validates every entry, then applies all of them in one transaction or none; each write is audited. */
  'rules.import': { input: RulesImportRequest, output: RulesImportResult },
  /** The rule's changes, newest first, from the audit log (who, when, what changed). */
  'rules.history': { input: RuleHistoryRequest, output: RuleHistory },
} as const;
