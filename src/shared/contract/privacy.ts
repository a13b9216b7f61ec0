import { z } from 'zod';
import { Confirmation } from './confirmation';
import { StoredEvent } from './events';
import { SessionSummary } from './stats';

/** The same limits as a shopper id in an ingested event. */
const ShopperId = z.string().min(1).max(128);

export const ShopperRequest = z.object({ shopperId: ShopperId }).strict();
export type ShopperRequest = z.infer<typeof ShopperRequest>;

/** One list the shopper was shown, as the impression log holds it. */
export const ExportedImpression = z.object({
  impressionId: z.string(),
  createdAt: z.number(),
  slot: z.string(),
  sessionId: z.string().nullable(),
  query: z.string().nullable(),
  weightsVersion: z.number().int(),
  modelVersion: z.string(),
  policy: z.string(),
  experimentId: z.string().nullable(),
  armId: z.string().nullable(),
  /** The shown items (positions, scores, contributions, fired rules, propensities), as logged. */
  items: z.array(z.record(z.string(), z.unknown())),
});
export type ExportedImpression = z.infer<typeof ExportedImpression>;

/** One click, cart add or purchase and the list it was attributed to (or why none). */
export const ExportedReward = z.object({
  eventSeq: z.number().int(),
  impressionId: z.string().nullable(),
  itemId: z.string(),
  position: z.number().int().nullable(),
  type: z.string(),
  value: z.number(),
  quantity: z.number().int(),
  kind: z.string(),
  reason: z.string().nullable(),
  ts: z.number(),
});
export type ExportedReward = z.infer<typeof ExportedReward>;

/** What the engine holds in memory about the shopper right now. */
export const ExportedLiveState = z.object({
  recentEvents: z.array(z.object({ type: z.string(), itemId: z.string().nullable(), query: z.string().nullable(), price: z.number().nullable(), ts: z.number(), sessionId: z.string() })),
});

/** Everything stored about one shopper (docs/PRIVACY.md). */
export const ShopperExport = z.object({
  shopperId: z.string(),
  exportedAt: z.number(),
  sessions: z.array(SessionSummary),
  events: z.array(StoredEvent),
  impressions: z.array(ExportedImpression),
  rewards: z.array(ExportedReward),
  /** Experiment arms that served the shopper's lists (assignment is a hash of the shopper; nothing else is stored per shopper). */
  experimentArms: z.array(z.object({ experimentId: z.string(), armId: z.string(), lists: z.number().int() })),
  liveState: ExportedLiveState,
  /** What is derived from the shopper's behaviour without naming them (kept on erasure). */
  notes: z.array(z.string()),
});
export type ShopperExport = z.infer<typeof ShopperExport>;

/** Rows stored about a shopper, by kind: what an erasure deletes. */
export const ShopperFootprint = z.object({
  shopperId: z.string(),
  sessions: z.number().int(),
  events: z.number().int(),
  impressions: z.number().int(),
  rewards: z.number().int(),
  /** Whether the engine holds the shopper's recent events in memory. */
  live: z.boolean(),
});
export type ShopperFootprint = z.infer<typeof ShopperFootprint>;

export const EraseShopperRequest = z.object({ shopperId: ShopperId, confirm: Confirmation.optional() }).strict();
export type EraseShopperRequest = z.infer<typeof EraseShopperRequest>;

export const ErasureResult = z.object({
  /** The audit log names the shopper by this hash only (sha256 of the id, 16 hex digits). */
  shopperHash: z.string(),
  erased: ShopperFootprint.omit({ shopperId: true }),
  /** Stored item events replayed to rebuild co-visitation, popularity and trending without the shopper. */
  behaviourEventsReplayed: z.number().int(),
  ms: z.number(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;

/** Raw events, lists and rewards older than this many days are deleted; null keeps them forever. */
export const RetentionSettings = z
  .object({ rawDataDays: z.number().int().min(1).max(36_500).nullable().default(null) })
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RetentionRun = z.object({
  at: z.number(),
  /** Rows older than this time (ms) were deleted. */
  cutoff: z.number(),
  events: z.number().int(),
  sessions: z.number().int(),
  impressions: z.number().int(),
  rewards: z.number().int(),
  ms: z.number(),
});
export type RetentionRun = z.infer<typeof RetentionRun>;

export const RetentionStatus = z.object({
  settings: z.object({ rawDataDays: z.number().int().nullable() }),
  version: z.number().int(),
  /** The last run since the engine started (null: none yet). */
  lastRun: RetentionRun.nullable(),
  /** Rows the setting would delete now. */
  due: z.object({ events: z.number().int(), impressions: z.number().int(), rewards: z.number().int() }),
});
export type RetentionStatus = z.infer<typeof RetentionStatus>;

export const SetRetentionRequest = z
  .object({ rawDataDays: z.number().int().min(1).max(36_500).nullable(), note: z.string().max(500).optional(), confirm: Confirmation.optional() })
  .strict();
export type SetRetentionRequest = z.infer<typeof SetRetentionRequest>;

const Empty = z.object({}).strict().default({});

export const privacyMethods = {
  /** Everything stored about one shopper, as JSON. */
  'shoppers.export': { input: ShopperRequest, output: ShopperExport },
  /** What an erasure of this shopper would delete (a dry run). */
  'shoppers.footprint': { input: ShopperRequest, output: ShopperFootprint },
  /** Deletes the shopper's events, sessions, lists, rewards and live state; needs confirm.reason. */
  'shoppers.erase': { input: EraseShopperRequest, output: ErasureResult },
  'retention.get': { input: Empty, output: RetentionStatus },
  /** A shorter period (or a first one) deletes data: it needs confirm.reason. */
  'retention.set': { input: SetRetentionRequest, output: RetentionStatus },
  /** Applies the setting now (the engine also applies it every hour). */
  'retention.apply': { input: Empty, output: RetentionRun },
} as const;
