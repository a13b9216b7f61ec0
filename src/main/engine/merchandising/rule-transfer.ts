/**
 * Bulk export and import of the merchandising rules and synonym sets as one versioned JSON document.
 * An import checks every entry first (each failure names its entry's index and field), then applies
 * all of its writes in one SQLite transaction: either every change is stored and audited, or none.
 */
import type { Database } from 'better-sqlite3';
import {
  ContractError,
  RULES_DOCUMENT_FORMAT,
  RULES_DOCUMENT_VERSION,
  SynonymSetInput,
  type ImportMode,
  type Rule,
  type RulesDocument,
  type RulesImportResult,
  type StoredSynonymSet,
} from '../../../shared/contract';
import { inputOf, type ValidRuleInput } from '../ranking/rules/rule-validation';
import type { RuleStore } from '../ranking';
import { SynonymStore } from '../retrieval/synonym-store';
import type { AuditLog } from '../store/audit-log';
import { nextTurn } from '../workers/time-slices';

/** Rule entries checked between two turns of the event loop (each is a few catalogue look-ups). */
const CHECK_CHUNK = 100;
/** Issues reported in one refusal: enough to fix a file, never a megabyte of text. */
const MAX_ISSUES = 100;
/** Keys an export writes for people that an import ignores. */
const RULE_INFO_KEYS = ['ruleId', 'createdAt', 'updatedAt'] as const;
const SYNONYM_INFO_KEYS = ['synonymId', 'updatedAt'] as const;

export interface RuleTransferDeps {
  db: Database;
  rules: RuleStore;
  audit: AuditLog;
  /** Reloads the synonym table searches read (the import writes through its own store, which tells nobody). */
  refreshSynonyms: () => void;
  clock?: () => number;
}

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  actor: string;
  reason: string | null;
}

type Issue = { path: string; message: string };
type ValidSynonym = SynonymSetInput;

/** Thrown inside a dry run's transaction so that SQLite rolls every write back. */
class DryRunRollback extends Error {
  constructor(readonly result: RulesImportResult) {
    super('dry run');
  }
}

export class RuleTransfer {
  private readonly synonyms: SynonymStore;
  private readonly clock: () => number;

  constructor(private readonly deps: RuleTransferDeps) {
    // Its own store: no change listener fires per set, the table is reloaded once after the import.
    this.synonyms = new SynonymStore(deps.db, deps.audit);
    this.clock = deps.clock ?? Date.now;
  }

  export(): RulesDocument {
    return {
      format: RULES_DOCUMENT_FORMAT,
      version: RULES_DOCUMENT_VERSION,
      exportedAt: this.clock(),
      rules: this.deps.rules.list().map((r) => ({ ruleId: r.ruleId, ...inputOf(r) })),
      synonyms: this.synonyms.list().map((s) => ({ synonymId: s.synonymId, kind: s.kind, from: s.from, terms: s.terms })),
    };
  }

  /**
   * `document` has passed the contract's envelope check; its entries are checked here, a chunk at a
   * time with the event loop free between chunks. Only the writes run as one synchronous transaction.
   */
  async import(document: { rules: readonly unknown[]; synonyms: readonly unknown[] }, options: ImportOptions): Promise<RulesImportResult> {
    const issues: Issue[] = [];
    const rules: (ValidRuleInput | undefined)[] = [];
    for (let index = 0; index < document.rules.length; index++) {
      if (index > 0 && index % CHECK_CHUNK === 0) await nextTurn();
      rules.push(this.ruleEntry(document.rules[index], index, issues));
    }
    const synonyms = document.synonyms.map((entry, index) => synonymEntry(entry, index, issues));
    if (issues.length > 0) throw importError(issues);
    await nextTurn();
    const run = this.deps.db.transaction(() => {
      const result = this.apply(rules as ValidRuleInput[], synonyms as ValidSynonym[], options);
      if (options.dryRun) throw new DryRunRollback(result);
      return result;
    });
    try {
      return run();
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    } finally {
      // The store's in-memory copy and the search synonym table follow whatever the database now holds.
      this.deps.rules.invalidate();
      this.deps.refreshSynonyms();
    }
  }

  private ruleEntry(entry: unknown, index: number, issues: Issue[]): ValidRuleInput | undefined {
    const where = `document.rules.${index}`;
    if (!isObject(entry)) {
      issues.push({ path: where, message: 'must be an object (a rule)' });
      return undefined;
    }
    try {
      // The store's own checks: the contract's schema, then the catalogue and the slot list.
      return inputOf(this.deps.rules.preview(undefined, without(entry, RULE_INFO_KEYS)));
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      for (const i of error.issues.length > 0 ? error.issues : [{ path: '(root)', message: error.message }]) issues.push({ path: i.path === '(root)' ? where : `${where}.${i.path}`, message: i.message });
      return undefined;
    }
  }

  private apply(rules: ValidRuleInput[], synonyms: ValidSynonym[], options: ImportOptions): RulesImportResult {
    const by = { actor: options.actor, detail: { via: 'rules.import', reason: options.reason } };
    const existingRules = this.deps.rules.list();
    const ruleMatch = matchEntries(existingRules.map((r) => ruleKey(inputOf(r))), rules.map(ruleKey));
    const existingSets = this.synonyms.list();
    const setMatch = matchEntries(existingSets.map(synonymKey), synonyms.map(synonymKey));
    const replacing = options.mode === 'replace';
    // Deletions first, so a replace never trips the synonym table's size cap on its way through.
    const removedRules = replacing ? ruleMatch.unmatched.map((i) => this.deps.rules.delete((existingRules[i] as Rule).ruleId, by)) : [];
    const removedSets = replacing ? setMatch.unmatched.map((i) => this.synonyms.delete((existingSets[i] as StoredSynonymSet).synonymId, by)) : [];
    const issues: Issue[] = [];
    const addedRules: { index: number; rule: Rule }[] = [];
    for (const index of ruleMatch.fresh) {
      try {
        addedRules.push({ index, rule: this.deps.rules.create(rules[index], by) });
      } catch (error) {
        // The catalogue may have changed since the entries were checked: the store checks again.
        if (!(error instanceof ContractError)) throw error;
        for (const i of error.issues.length > 0 ? error.issues : [{ path: '(root)', message: error.message }]) issues.push({ path: i.path === '(root)' ? `document.rules.${index}` : `document.rules.${index}.${i.path}`, message: i.message });
      }
    }
    const addedSets: { index: number; set: StoredSynonymSet }[] = [];
    for (const index of setMatch.fresh) {
      try {
        addedSets.push({ index, set: this.synonyms.set(synonyms[index] as ValidSynonym, undefined, by, this.clock()) });
      } catch (error) {
        if (!(error instanceof ContractError)) throw error;
        // The store names `set.terms.2`; the file's reader needs the entry.
        for (const i of error.issues.length > 0 ? error.issues : [{ path: 'set', message: error.message }]) issues.push({ path: `document.synonyms.${index}${i.path.replace(/^set/, '')}`, message: i.message });
      }
    }
    if (issues.length > 0) throw importError(issues);
    const result: RulesImportResult = {
      mode: options.mode,
      dryRun: options.dryRun,
      applied: !options.dryRun,
      rules: { added: addedRules, removed: removedRules, unchanged: ruleMatch.matched },
      synonyms: { added: addedSets, removed: removedSets, unchanged: setMatch.matched },
    };
    this.deps.audit.record(options.actor, 'rules.import', undefined, {
      mode: options.mode,
      reason: options.reason,
      rules: { added: addedRules.map((a) => a.rule.ruleId), removed: removedRules.map((r) => r.ruleId), unchanged: ruleMatch.matched },
      synonyms: { added: addedSets.map((a) => a.set.synonymId), removed: removedSets.map((s) => s.synonymId), unchanged: setMatch.matched },
    });
    return result;
  }
}

function synonymEntry(entry: unknown, index: number, issues: Issue[]): ValidSynonym | undefined {
  const where = `document.synonyms.${index}`;
  if (!isObject(entry)) {
    issues.push({ path: where, message: 'must be an object (a synonym set)' });
    return undefined;
  }
  const fields = without(entry, SYNONYM_INFO_KEYS);
  // An export writes `from: null` on a two-way set; the set itself has no `from`.
  if (fields.kind === 'two-way' && fields.from === null) delete fields.from;
  const parsed = SynonymSetInput.safeParse(fields);
  if (parsed.success) return parsed.data;
  for (const i of parsed.error.issues) issues.push({ path: [where, ...i.path.map(String)].join('.'), message: i.message });
  return undefined;
}

/**
 * Pairs entries with equal existing ones (each existing one used once): `matched` how many pairs,
 * `fresh` the entry indexes with no equal, `unmatched` the existing indexes no entry equals.
 */
export function matchEntries(existing: readonly string[], entries: readonly string[]): { matched: number; fresh: number[]; unmatched: number[] } {
  const left = new Map<string, number[]>();
  existing.forEach((key, i) => left.set(key, [...(left.get(key) ?? []), i]));
  const fresh: number[] = [];
  let matched = 0;
  entries.forEach((key, index) => {
    const pool = left.get(key);
    if (pool && pool.length > 0) {
      pool.shift();
      matched++;
    } else fresh.push(index);
  });
  const unmatched = [...left.values()].flat().sort((a, b) => a - b);
  return { matched, fresh, unmatched };
}

/** Two rules are equal when every field that decides what they do is (ids and timestamps aside). */
function ruleKey(r: ValidRuleInput): string {
  return JSON.stringify([r.kind, r.target, r.strength, r.position ?? null, r.slot, r.startsAt, r.endsAt, r.enabled, r.note, r.query, r.category, r.schedule, r.url]);
}

function synonymKey(s: ValidSynonym | StoredSynonymSet): string {
  const from = 'from' in s && s.from !== null && s.from !== undefined && s.kind === 'one-way' ? s.from.trim() : null;
  return JSON.stringify([s.kind, from, s.terms.map((t) => t.trim())]);
}

function importError(issues: readonly Issue[]): ContractError {
  const first = issues[0] as Issue;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new ContractError('bad_request', `import refused, nothing was changed: ${first.path}: ${first.message}${more}`, issues.slice(0, MAX_ISSUES));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function without(entry: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...entry };
  for (const k of keys) delete copy[k];
  return copy;
}
