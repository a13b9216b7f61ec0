import { z } from 'zod';
import { MAX_QUERY_CHARS, RankedItem, RequestSegments, RuleInput } from './recommendations';
import { CollectionId } from './collections';

const Id = z.string().min(1).max(128);

/**
 * rules.preview: a list ranked twice, without some rules and with them, and what those rules did
 * to every item (the Rules page's and the Search page's before/after view). Writes no impression.
 */
export const RulePreviewRequest = z
  .object({
    /** 'search' ranks a search for `query`; any other slot ranks a recommendation. */
    slot: z.string().min(1).max(64).default('search'),
    /** The search query (required for slot 'search'); query rules read it. */
    query: z.string().trim().min(1).max(MAX_QUERY_CHARS).optional(),
    /** The category page, or the category the search is filtered to; category-scoped rules read it. */
    category: z.string().min(1).max(500).optional(),
    /** A collection's list (a recommendation slot): drawn from its items; collection-scoped rules read it. */
    collection: CollectionId.optional(),
    shopperId: Id.optional(),
    /** Segments the list is asked in besides the shopper's built-in ones (as a shop's request would send them). */
    segments: RequestSegments.optional(),
    k: z.number().int().min(1).max(100).default(20),
    /** The rules whose effect is shown (the "before" list is ranked without them); absent: every rule active for this list. */
    ruleIds: z.array(z.string().min(1).max(64)).max(200).optional(),
    /**
     * A rule not yet saved (the Search page's drop preview): the "after" list adds it to every rule
     * active for this list, the "before" list is the list as it serves. Validated as `rules.create`
     * validates it; nothing is stored.
     */
    draft: RuleInput.optional(),
    /** An edit: the stored rule the draft would replace ("after" has the draft in its place). */
    replaces: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((r) => r.slot !== 'search' || r.query !== undefined, { path: ['query'], message: 'a search preview needs a query' })
  .refine((r) => r.slot !== 'search' || r.collection === undefined, { path: ['collection'], message: 'a collection is a browse list: choose a recommendation slot' })
  .refine((r) => r.draft === undefined || r.ruleIds === undefined, { path: ['ruleIds'], message: 'a draft is previewed alone: leave ruleIds out' })
  .refine((r) => r.replaces === undefined || r.draft !== undefined, { path: ['replaces'], message: 'replaces names the stored rule a draft would replace: send the draft' });
export type RulePreviewRequest = z.input<typeof RulePreviewRequest>;

/** What a rule did to an item: pinned it, boosted or buried its score, hid it (a filter on that item) or filtered it out. */
export const RULE_ACTIONS = ['pinned', 'boosted', 'buried', 'hidden', 'filtered'] as const;
export const RuleAction = z.enum(RULE_ACTIONS);
export type RuleAction = z.infer<typeof RuleAction>;

/** How an item's place changed: moved up or down, kept it, removed by a rule, or entered the list (a pin or a boost). */
export const MOVE_KINDS = ['up', 'down', 'same', 'removed', 'entered'] as const;
export const MoveKind = z.enum(MOVE_KINDS);
export type MoveKind = z.infer<typeof MoveKind>;

export const ItemMove = z.object({
  itemId: z.string(),
  title: z.string(),
  brand: z.string().optional(),
  category: z.string().optional(),
  /** 1-based position without the rules; null: not within the ranked depth. */
  before: z.number().int().nullable(),
  /** 1-based position with the rules; null: removed, or pushed below the ranked depth. */
  after: z.number().int().nullable(),
  move: MoveKind,
  /** The previewed rules that acted on this item (an item moved only because others moved has none). */
  rules: z.array(z.object({ ruleId: z.string(), action: RuleAction })),
  /** The rule that removed it, when one did. */
  removedBy: z.string().nullable(),
});
export type ItemMove = z.infer<typeof ItemMove>;

export const RulePreviewResult = z.object({
  slot: z.string(),
  query: z.string().nullable(),
  category: z.string().nullable(),
  /** Absent on a list that is not a collection's. */
  collection: z.string().nullable().optional(),
  /** The previewed rules that are active for this list (the ones the "after" list adds); a new draft is `r-new`, an edit keeps its id. */
  ruleIds: z.array(z.string()),
  /** The first k items without the previewed rules, and with them. */
  before: z.array(RankedItem),
  after: z.array(RankedItem),
  /** Every item in either list, and every item a previewed rule removed: the "after" order first, then the rest by their place before. */
  moves: z.array(ItemMove),
});
export type RulePreviewResult = z.infer<typeof RulePreviewResult>;

export const rulePreviewMethods = {
  'rules.preview': { input: RulePreviewRequest, output: RulePreviewResult },
} as const;
