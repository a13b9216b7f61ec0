import { z } from 'zod';
import { StoredEvent } from './events';
import { FusionWeights, RankedItem } from './recommendations';

const Share = z.object({ name: z.string(), share: z.number() });

/** What the engine believed about the shopper right after one event. */
export const IntentSummary = z.object({
  topCategories: z.array(Share),
  topBrands: z.array(Share),
  priceBand: z.object({ median: z.number(), low: z.number(), high: z.number() }).nullable(),
  purchaseProbability: z.number(),
});
export type IntentSummary = z.infer<typeof IntentSummary>;

export const InspectionStep = z.object({
  event: StoredEvent,
  intent: IntentSummary,
  /** The list the shopper would have been shown right after this event (replayed with the weights in force now). */
  recommendations: z.array(RankedItem),
});
export type InspectionStep = z.infer<typeof InspectionStep>;

export const InspectSessionRequest = z
  .object({ sessionId: z.string().min(1).max(128), k: z.number().int().min(1).max(50).default(10), maxEvents: z.number().int().min(1).max(200).default(60) })
  .strict();

export const SessionInspection = z.object({
  sessionId: z.string(),
  shopperId: z.string(),
  weightsVersion: z.number().int(),
  steps: z.array(InspectionStep),
  /** Events of the session beyond maxEvents, not replayed. */
  truncated: z.number().int(),
});
export type SessionInspection = z.infer<typeof SessionInspection>;

/** The held-out replay: for recent sessions, did the list after a prefix contain the shopper's next item? */
export const ReplayRequest = z.object({ weights: FusionWeights, cases: z.number().int().min(20).max(2000).default(300) }).strict();

export const ReplayResult = z.object({
  metric: z.literal('NDCG@10'),
  value: z.number(),
  ci: z.tuple([z.number(), z.number()]),
  hitRate10: z.number(),
  cases: z.number().int(),
  /** The held-out window: the sessions the cases came from. */
  windowStart: z.number().nullable(),
  windowEnd: z.number().nullable(),
  tookMs: z.number(),
  /**
   * Which half of the held-out cases the figure is on: `reporting` (never searched by auto-tune:
   * the figure the tuning page shows) or `tuning` (auto-tune's search half). Absent from older engines.
   */
  half: z.enum(['tuning', 'reporting']).optional(),
  /** Behaviour signals were rebuilt from events before this time (the window's start): a point-in-time replay. */
  signalsBefore: z.number().nullable().optional(),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export const AutoTuneRequest = z
  .object({
    cases: z.number().int().min(20).max(1000).default(200),
    rounds: z.number().int().min(1).max(4).default(2),
    /** What the search maximises: the replayed NDCG@10 on held-out sessions, or the off-policy expected reward on the slot's randomised lists. */
    objective: z.enum(['replay', 'off-policy']).default('replay'),
    /** The slot whose randomised lists the off-policy objective reads. */
    slot: z.string().min(1).max(64).default('home'),
  })
  .strict();
