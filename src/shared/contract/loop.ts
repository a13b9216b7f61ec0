import { z } from 'zod';
import { TimeZoneName } from './time-zone-name';

/**
 * The measurement half of the loop: how clicks, cart adds and purchases are joined to the lists
 * that caused them, and the online metrics computed from those rewards.
 */

export const ATTRIBUTION_KINDS = ['explicit', 'window', 'cross-session', 'unmatched'] as const;
export const AttributionKind = z.enum(ATTRIBUTION_KINDS);
export type AttributionKind = z.infer<typeof AttributionKind>;

export const UNMATCHED_REASONS = ['no-impression-in-window', 'unknown-impression', 'item-not-in-impression', 'other-shopper'] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/** How far back a reward may look for the list that caused it, per event type. */
export const AttributionSettings = z
  .object({
    clickWindowMinutes: z.number().int().min(1).max(1440).default(30),
    cartWindowMinutes: z.number().int().min(1).max(10_080).default(1440),
    purchaseWindowMinutes: z.number().int().min(1).max(10_080).default(1440),
  })
  .strict();
export type AttributionSettings = z.infer<typeof AttributionSettings>;

export const SetAttributionSettingsRequest = z.object({ settings: AttributionSettings, note: z.string().max(500).default('') }).strict();

/** Every reward event the engine has seen, by how it was attributed; nothing is dropped silently. */
export const AttributionStats = z.object({
  rewards: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  unmatchedByReason: z.record(z.string(), z.number().int()),
  /** Arrived more than five minutes after their own timestamp. */
  late: z.number().int(),
  /** Earlier than an event of the same shopper that had already arrived. */
  outOfOrder: z.number().int(),
  /** Loaded by an import or the demo seed: the past in bulk, never counted late. */
  history: z.number().int().default(0),
  /** A second click (cart add, purchase) on an item of a list that already had one: counted once in rates. */
  repeats: z.number().int(),
  /** Events sent again with an id already stored (not stored twice, not attributed twice). */
  duplicates: z.number().int(),
});
export type AttributionStats = z.infer<typeof AttributionStats>;

/** A rate or mean with its 95% interval; null where there is nothing to measure yet. */
export const Estimate = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });
export type Estimate = z.infer<typeof Estimate>;

export const LoopCounts = z.object({
  /** Lists served. */
  lists: z.number().int(),
  /** Items shown, summed over lists. */
  items: z.number().int(),
  clicks: z.number().int(),
  /** Distinct (list, item) pairs clicked. */
  clickedItems: z.number().int(),
  /** Lists with at least one click. */
  clickedLists: z.number().int(),
  carts: z.number().int(),
  cartedItems: z.number().int(),
  cartedLists: z.number().int(),
  /** Purchase events (one per item bought). */
  orders: z.number().int(),
  purchasedItems: z.number().int(),
  purchasedLists: z.number().int(),
  units: z.number().int(),
  revenue: z.number(),
  /** Sum over lists of (attributed revenue of the list)^2, for the revenue interval. */
  revenueSqLists: z.number(),
  /** Sum over purchases of (price x quantity)^2, for the order-value interval. */
  orderValueSq: z.number(),
});
export type LoopCounts = z.infer<typeof LoopCounts>;

export const METRIC_NAMES = ['ctr', 'listCtr', 'addToCartRate', 'conversionRate', 'revenuePerMille', 'averageOrderValue'] as const;
export const MetricName = z.enum(METRIC_NAMES);
export type MetricName = z.infer<typeof MetricName>;

/**
 * ctr: clicked items / shown items; listCtr: lists with a click / lists; addToCartRate: carted items /
 * shown items; conversionRate: lists with a purchase / lists; revenuePerMille: revenue per 1,000
 * lists; averageOrderValue: revenue / purchases.
 */
export const LoopMetrics = z.object(Object.fromEntries(METRIC_NAMES.map((m) => [m, Estimate])) as Record<MetricName, typeof Estimate>);
export type LoopMetrics = z.infer<typeof LoopMetrics>;

/** What a metrics row is broken down by. 'all' is one row; 'slot' one per slot; the rest one per version, rule, arm or policy. */
export const METRIC_DIMENSIONS = ['all', 'slot', 'weights', 'model', 'rule', 'arm', 'policy'] as const;
export const MetricDimension = z.enum(METRIC_DIMENSIONS);
export type MetricDimension = z.infer<typeof MetricDimension>;

const Slot = z.string().min(1).max(64);
const Time = z.number().int().min(0).max(8_640_000_000_000);
/** Minutes east of UTC, for day buckets in the viewer's time zone. */
const TzOffset = z.number().int().min(-840).max(840).default(0);

const Range = { from: Time.optional(), to: Time.optional() };
/** A range that ends before it starts is refused, naming `to`: it was clamped to an empty range and answered as if fine. */
const rangeInOrder = (r: { from?: number | undefined; to?: number | undefined }): boolean => r.from === undefined || r.to === undefined || r.to >= r.from;
const RANGE_ORDER = { path: ['to'], message: 'must not be before from' };

export const MetricsSummaryRequest = z
  .object({ ...Range, dimension: MetricDimension.default('all'), slot: Slot.optional(), experimentId: z.string().min(1).max(64).optional() })
  .strict()
  .refine(rangeInOrder, RANGE_ORDER);
export type MetricsSummaryRequest = z.infer<typeof MetricsSummaryRequest>;

export const MetricsRow = z.object({
  /** The value of the dimension (a slot, a version, a rule id, 'experimentId:armId', a policy); '' for 'all'. */
  key: z.string(),
  label: z.string(),
  counts: LoopCounts,
  metrics: LoopMetrics,
});
export type MetricsRow = z.infer<typeof MetricsRow>;

export const MetricsSummary = z.object({ from: z.number(), to: z.number(), dimension: MetricDimension, slot: z.string().nullable(), rows: z.array(MetricsRow) });
export type MetricsSummary = z.infer<typeof MetricsSummary>;

export const MetricsTimeseriesRequest = z
  .object({
    ...Range,
    bucket: z.enum(['hour', 'day']).default('hour'),
    dimension: MetricDimension.default('all'),
    slot: Slot.optional(),
    metric: MetricName.default('ctr'),
    tzOffsetMinutes: TzOffset,
    /** The viewer's IANA zone: day buckets start at its local midnights, each day with its own offset (daylight saving); absent: `tzOffsetMinutes` for every day. */
    timeZone: TimeZoneName.optional(),
    /** The series with the most lists are kept. */
    maxSeries: z.number().int().min(1).max(12).default(6),
  })
  .strict()
  .refine(rangeInOrder, RANGE_ORDER);
export type MetricsTimeseriesRequest = z.infer<typeof MetricsTimeseriesRequest>;

export const MetricsPoint = z.object({ t: z.number(), lists: z.number().int(), value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });
export type MetricsPoint = z.infer<typeof MetricsPoint>;

export const MetricsTimeseries = z.object({
  from: z.number(),
  to: z.number(),
  bucket: z.enum(['hour', 'day']),
  metric: MetricName,
  series: z.array(z.object({ key: z.string(), label: z.string(), points: z.array(MetricsPoint) })),
});
export type MetricsTimeseries = z.infer<typeof MetricsTimeseries>;

export const PositionCurveRequest = z
  .object({ ...Range, slot: Slot.optional(), maxPosition: z.number().int().min(1).max(50).default(20), explored: z.boolean().optional() })
  .strict()
  .refine(rangeInOrder, RANGE_ORDER);
export type PositionCurveRequest = z.infer<typeof PositionCurveRequest>;

export const PositionCurve = z.object({
  from: z.number(),
  to: z.number(),
  /** Which lists: all served lists, or only lists whose order was randomised by exploration (unbiased by ranking quality). */
  lists: z.enum(['all', 'explored', 'deterministic']),
  points: z.array(z.object({ position: z.number().int(), shown: z.number().int(), clicked: z.number().int(), ctr: Estimate })),
});
export type PositionCurve = z.infer<typeof PositionCurve>;

export const SearchAnalyticsRequest = z
  .object({ ...Range, limit: z.number().int().min(1).max(100).default(15), tzOffsetMinutes: TzOffset, timeZone: TimeZoneName.optional() })
  .strict()
  .refine(rangeInOrder, RANGE_ORDER);

export const QueryStats = z.object({
  query: z.string(),
  searches: z.number().int(),
  zeroResults: z.number().int(),
  /** Searches whose list got at least one attributed click. */
  clicked: z.number().int(),
  /** Searches in the period of the same length just before `from`: the trend. */
  previousSearches: z.number().int(),
  /** Searches per day over the period (oldest first), for a sparkline. */
  daily: z.array(z.number().int()),
});
export type QueryStats = z.infer<typeof QueryStats>;

export const SearchAnalytics = z.object({
  from: z.number(),
  to: z.number(),
  totalSearches: z.number().int(),
  top: z.array(QueryStats),
  zeroResults: z.array(QueryStats),
  /** Queries with results that nobody clicked. */
  noClicks: z.array(QueryStats),
});
export type SearchAnalytics = z.infer<typeof SearchAnalytics>;

export const loopMethods = {
  'attribution.settings': { input: z.object({}).strict().default({}), output: AttributionSettings },
  'attribution.configure': { input: SetAttributionSettingsRequest, output: AttributionSettings },
  'attribution.stats': { input: z.object({}).strict().default({}), output: AttributionStats },
  'metrics.summary': { input: MetricsSummaryRequest, output: MetricsSummary },
  'metrics.timeseries': { input: MetricsTimeseriesRequest, output: MetricsTimeseries },
  'metrics.positions': { input: PositionCurveRequest, output: PositionCurve },
  'metrics.search': { input: SearchAnalyticsRequest, output: SearchAnalytics },
} as const;
