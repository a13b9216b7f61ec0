import { z } from 'zod';
import { EventContext } from './events';
import { Confirmation } from './confirmation';
import { CollectionId } from './collections';
import { TimeZoneName } from './time-zone-name';

const Id = z.string().min(1).max(128);

/** The signals ranking fuses; each has a weight and shows up in every explanation. */
export const CHANNELS = ['text', 'visual', 'behaviour', 'popularity', 'recency', 'priceFit', 'purchaseIntent'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const FusionWeights = z.object(Object.fromEntries(CHANNELS.map((c) => [c, z.number().finite().min(0).max(10)])) as Record<Channel, z.ZodNumber>).strict();
export type FusionWeights = z.infer<typeof FusionWeights>;

export const WeightsVersion = z.object({ version: z.number().int(), weights: FusionWeights, note: z.string(), createdAt: z.number() });
export type WeightsVersion = z.infer<typeof WeightsVersion>;

export const SetWeightsRequest = z.object({ weights: FusionWeights, note: z.string().max(500).default(''), confirm: Confirmation.optional() }).strict();

export const RULE_KINDS = ['pin', 'boost', 'bury', 'filter', 'redirect'] as const;
export const RuleKind = z.enum(RULE_KINDS);
export type RuleKind = z.infer<typeof RuleKind>;

/** What a rule matches: one item, a brand, a category (and everything below it), an attribute value, or every item (`all`). */
export const RuleTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('item'), itemId: Id }).strict(),
  z.object({ type: z.literal('brand'), brand: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('category'), category: z.string().min(1).max(500) }).strict(),
  z.object({ type: z.literal('attribute'), name: z.string().min(1).max(100), value: z.union([z.string().max(1000), z.number(), z.boolean()]) }).strict(),
  z.object({ type: z.literal('outOfStock') }).strict(),
  z.object({ type: z.literal('all') }).strict(),
  /** Every item of a collection (catalogue collections), wherever the rule fires. */
  z.object({ type: z.literal('collection'), collection: CollectionId }).strict(),
]);
export type RuleTarget = z.infer<typeof RuleTarget>;

/** How a query condition compares: the whole query, a part of it, or a pattern where only `*` is special. */
export const QUERY_MATCHES = ['exact', 'contains', 'pattern'] as const;
export const QueryMatch = z.enum(QUERY_MATCHES);
export type QueryMatch = z.infer<typeof QueryMatch>;
/** At most this many `*` in a pattern: matching is then linear-time with no backtracking blow-up (see query-condition.ts). */
export const MAX_PATTERN_WILDCARDS = 8;
/**
 * The longest search query, and so the longest query condition: a rule made from any search (the
 * Search page's pin, bury and hide) must fit. A pattern costs at most this squared to match (see
 * query-condition.ts).
 */
export const MAX_QUERY_CHARS = 256;
/** The longest rule note (a generated one is cut to fit). */
export const MAX_RULE_NOTE_CHARS = 500;

/** A search-query condition: the rule fires only on a search whose query matches (case- and space-insensitive). */
export const QueryCondition = z
  .object({ match: QueryMatch, text: z.string().trim().min(1).max(MAX_QUERY_CHARS) })
  .strict()
  .refine((q) => q.match !== 'pattern' || (q.text.match(/\*/g)?.length ?? 0) <= MAX_PATTERN_WILDCARDS, { path: ['text'], message: `at most ${MAX_PATTERN_WILDCARDS} * wildcards` });
export type QueryCondition = z.infer<typeof QueryCondition>;

const LocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time HH:MM (24 h)');
/** A weekly window in the schedule's zone: on these days (0 = Sunday), from..to local time; to <= from runs past midnight. */
export const RuleWindow = z.object({ days: z.array(z.number().int().min(0).max(6)).min(1).max(7), from: LocalTime, to: LocalTime }).strict();
export type RuleWindow = z.infer<typeof RuleWindow>;
/** The most weekly windows one rule's schedule holds (two a day). */
export const RULE_WINDOWS_MAX = 14;
/** The time zone a rule's times are given in, and the weekly windows it is on in (none = always inside startsAt..endsAt). */
export const RuleSchedule = z
  .object({ timeZone: TimeZoneName, windows: z.array(RuleWindow).max(RULE_WINDOWS_MAX).default([]) })
  .strict();
export type RuleSchedule = z.infer<typeof RuleSchedule>;

/**
 * A shopper segment: a name the engine derives from what it holds of the shopper (`BUILT_IN_SEGMENTS`),
 * or one the shop's front end sends with a request (`segments`: 'vip', 'mobile', 'de', …).
 */
export const SegmentName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a segment name: lowercase letters, digits, - and _ (at most 40)');
/**
 * Segments every list is read in without being sent: `new` (nothing from this shopper before the
 * current session), `returning` (an event in an earlier session), `buyer` (a purchase among the
 * shopper's recent events, the window the engine keeps live).
 */
export const BUILT_IN_SEGMENTS = ['new', 'returning', 'buyer'] as const;
/** A request's own segments (the shop's), added to the built-in ones a list is in. */
export const RequestSegments = z.array(SegmentName).max(16);

/** A rule's fields, before the checks that look at several of them together. */
export const RuleFields = z
  .object({
    kind: RuleKind,
    target: RuleTarget,
    /** boost/bury: how strongly, 0..1 of the score range; ignored by pin and filter. */
    strength: z.number().min(0).max(1).default(0.5),
    /** pin: the 1-based slot position the item takes. */
    position: z.number().int().min(1).max(200).optional(),
    /** Where it applies ('*' = every slot, including search). */
    slot: z.string().min(1).max(64).default('*'),
    startsAt: z.number().int().nullable().default(null),
    endsAt: z.number().int().nullable().default(null),
    enabled: z.boolean().default(true),
    note: z.string().max(MAX_RULE_NOTE_CHARS).default(''),
    /** Fire only on searches whose query matches. */
    query: QueryCondition.nullable().default(null),
    /** Fire only on lists in this category (a search filtered to it, or a list whose context.category is it), or below it. */
    category: z.string().min(1).max(500).nullable().default(null),
    /** Fire only on lists for shoppers in this segment (built in, or sent with the request). */
    segment: SegmentName.nullable().default(null),
    /** Fire only on a collection's list (a recommend whose context.collection is it). */
    collection: CollectionId.nullable().default(null),
    schedule: RuleSchedule.nullable().default(null),
    /** redirect: where the search sends the shopper (http or https). */
    url: z.string().max(2000).url().refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL').nullable().default(null),
  })
  .strict();

function checkRule(r: z.output<typeof RuleFields>, ctx: z.RefinementCtx): void {
  if (r.kind === 'pin' && r.target.type !== 'item') ctx.addIssue({ code: 'custom', path: ['target', 'type'], message: 'a pin rule targets one item' });
  if (r.kind === 'pin' && r.position === undefined) ctx.addIssue({ code: 'custom', path: ['position'], message: 'required for a pin rule' });
  if (r.startsAt !== null && r.endsAt !== null && r.endsAt <= r.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  if (r.kind === 'redirect') {
    if (r.url === null) ctx.addIssue({ code: 'custom', path: ['url'], message: 'required for a redirect rule' });
    if (r.query === null) ctx.addIssue({ code: 'custom', path: ['query'], message: 'a redirect rule needs a query condition' });
    if (r.target.type !== 'all') ctx.addIssue({ code: 'custom', path: ['target', 'type'], message: "a redirect rule targets 'all' (it sends the whole search elsewhere)" });
  } else if (r.url !== null) ctx.addIssue({ code: 'custom', path: ['url'], message: 'only a redirect rule has a URL' });
  if (r.collection !== null && (r.query !== null || r.slot === 'search')) {
    ctx.addIssue({ code: 'custom', path: ['collection'], message: "a collection's list is a browse list, never a search: leave out the query condition and the 'search' slot" });
  }
  if (r.target.type === 'all' && r.kind !== 'redirect' && r.kind !== 'filter') ctx.addIssue({ code: 'custom', path: ['target', 'type'], message: "'all' is for redirect and filter rules" });
}

export const RuleInput = RuleFields.superRefine(checkRule);
/** rules.create: a rule, and the reason when the guard asks for one. */
export const CreateRuleRequest = RuleFields.extend({ confirm: Confirmation.optional() }).strict().superRefine(checkRule);
export type RuleInput = z.input<typeof RuleInput>;

export const Rule = z.object({
  ruleId: z.string(),
  kind: RuleKind,
  target: RuleTarget,
  strength: z.number(),
  position: z.number().int().optional(),
  slot: z.string(),
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  enabled: z.boolean(),
  note: z.string(),
  /** Absent on rules written before query rules and schedules: the same as null. */
  query: QueryCondition.nullable().optional(),
  category: z.string().nullable().optional(),
  /** Absent on rules written before segments: the same as null. */
  segment: z.string().nullable().optional(),
  /** Absent on rules written before collections: the same as null. */
  collection: z.string().nullable().optional(),
  schedule: RuleSchedule.nullable().optional(),
  url: z.string().nullable().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Rule = z.infer<typeof Rule>;

/** rules.options: what the rule form offers in its pickers (and what validation accepts). */
export const RuleOptions = z.object({
  slots: z.array(z.string()),
  /** Every category path in the catalogue with its ancestors, sorted (at most 2,000). */
  categories: z.array(z.string()),
  brands: z.array(z.string()),
  /** The catalogue's collections, by name. */
  collections: z.array(z.object({ collectionId: z.string(), name: z.string() })),
});
export type RuleOptions = z.infer<typeof RuleOptions>;

export const FiredRule = z.object({ ruleId: z.string(), kind: RuleKind, effect: z.number(), note: z.string() });
export type FiredRule = z.infer<typeof FiredRule>;

export const ChannelScores = z.object(Object.fromEntries(CHANNELS.map((c) => [c, z.number()])) as Record<Channel, z.ZodNumber>);
export type ChannelScores = z.infer<typeof ChannelScores>;

export const RankedItem = z.object({
  itemId: z.string(),
  title: z.string(),
  brand: z.string().optional(),
  category: z.string().optional(),
  price: z.number().optional(),
  position: z.number().int(),
  score: z.number(),
  /** Probability that the serving policy put this item at this position (1 for a deterministic list; for off-policy evaluation). */
  propensity: z.number(),
  /** weight x channel score, per channel; with the rules' effects they add up to `score`. */
  contributions: ChannelScores,
  rules: z.array(FiredRule),
  /** Which candidate sources proposed it (ann, covisit, popular, trending, collection, lexical, semantic, pin). */
  sources: z.array(z.string()),
});
export type RankedItem = z.infer<typeof RankedItem>;

const Who = { shopperId: Id.optional(), sessionId: Id.optional() };

export const RecommendRequest = z
  .object({ ...Who, k: z.number().int().min(1).max(200).default(20), slot: z.string().min(1).max(64).default('home'), context: EventContext.optional(), segments: RequestSegments.optional() })
  .strict()
  .refine((r) => r.shopperId !== undefined || r.sessionId !== undefined, { path: ['shopperId'], message: 'give a shopperId or a sessionId' });
export type RecommendRequest = z.infer<typeof RecommendRequest>;

export const SearchFilters = z
  .object({ category: z.string().max(500).optional(), brand: z.string().max(200).optional(), priceMin: z.number().min(0).optional(), priceMax: z.number().min(0).optional(), inStockOnly: z.boolean().optional() })
  .strict()
  // Refined here, not on SearchRequest, which search.ts extends. A reversed band matched nothing, silently.
  .refine((f) => f.priceMin === undefined || f.priceMax === undefined || f.priceMax >= f.priceMin, { path: ['priceMax'], message: 'must not be below priceMin' });

export const SearchRequest = z
  .object({ query: z.string().trim().min(1).max(MAX_QUERY_CHARS), ...Who, k: z.number().int().min(1).max(200).default(20), filters: SearchFilters.optional(), segments: RequestSegments.optional() })
  .strict();
export type SearchRequest = z.infer<typeof SearchRequest>;

export const RankedList = z.object({
  impressionId: z.string(),
  /** The experiment and arm that served this list, if one did. */
  experiment: z.object({ experimentId: z.string(), armId: z.string() }).nullable().default(null),
  /** What ranked it: 'weights' (the fusion weights in force) or a learned policy version. */
  policy: z.string().default('weights'),
  /** The order was randomised by exploration (propensities < 1). */
  explored: z.boolean().default(false),
  slot: z.string(),
  shopperId: z.string().nullable(),
  sessionId: z.string().nullable(),
  coldStart: z.boolean(),
  weightsVersion: z.number().int(),
  modelVersion: z.string(),
  purchaseIntent: z.number(),
  items: z.array(RankedItem),
  tookMs: z.number(),
  /** search: a redirect rule matched the query; the shopper should be sent here instead of the list. */
  redirect: z.string().optional(),
});
export type RankedList = z.infer<typeof RankedList>;

export const SimilarRequest = z.object({ itemId: Id, k: z.number().int().min(1).max(200).default(20) }).strict();
export const SimilarResult = z.object({ itemId: z.string(), items: z.array(z.object({ itemId: z.string(), title: z.string(), similarity: z.number() })) });

export const ExplainRequest = z.object({ impressionId: Id }).strict();
export const Impression = RankedList.extend({ createdAt: z.number(), query: z.string().nullable() });
export type Impression = z.infer<typeof Impression>;

export const PurchaseIntent = z.object({
  sessionId: z.string(),
  probability: z.number(),
  features: z.record(z.string(), z.number()),
  modelVersion: z.string(),
});
export type PurchaseIntent = z.infer<typeof PurchaseIntent>;
