import { z } from 'zod';
import { Confirmation } from './confirmation';
import { Job } from './jobs';
import { Estimate } from './loop';
import { FusionWeights } from './recommendations';

/**
 * The learning half of the loop: honest exploration, off-policy estimates of a candidate policy
 * before it is published, and a ranking policy learned from rewards.
 */

const Slot = z.string().min(1).max(64);
const Time = z.number().int().min(0).max(8_640_000_000_000);

/** A slot's exploration budget (off by default: deterministic lists, logged as such). */
export const ExplorationSettings = z
  .object({
    enabled: z.boolean().default(false),
    /** Share of lists whose window is shuffled. */
    rate: z.number().min(0.005).max(0.5).default(0.1),
    /** Positions above this never change. */
    fromPosition: z.number().int().min(1).max(50).default(1),
    toPosition: z.number().int().min(2).max(50).default(10),
    /** How many ranked candidates a shuffle draws from (at least the window's size). */
    poolSize: z.number().int().min(2).max(100).default(20),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.toPosition <= s.fromPosition) ctx.addIssue({ code: 'custom', path: ['toPosition'], message: 'must be after fromPosition' });
    if (s.poolSize < s.toPosition - s.fromPosition + 1) ctx.addIssue({ code: 'custom', path: ['poolSize'], message: 'must be at least the window size (toPosition - fromPosition + 1)' });
  });
export type ExplorationSettings = z.infer<typeof ExplorationSettings>;

export const ExplorationBySlot = z.object({ slots: z.record(z.string(), ExplorationSettings) });
export type ExplorationBySlot = z.infer<typeof ExplorationBySlot>;

/** What a list earns: a weighted sum of its attributed clicks, cart adds and purchases, or its revenue. */
export const RewardSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('composite'), click: z.number().min(0).max(1000).default(1), cart: z.number().min(0).max(1000).default(3), purchase: z.number().min(0).max(10_000).default(10) }).strict(),
  z.object({ kind: z.literal('revenue') }).strict(),
]);
export type RewardSpec = z.infer<typeof RewardSpec>;

export const DEFAULT_REWARD: RewardSpec = { kind: 'composite', click: 1, cart: 3, purchase: 10 };

/** A policy to estimate: draft weights, a stored weights version, or a learned policy version. */
export const TargetPolicy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weights'), weights: FusionWeights }).strict(),
  z.object({ kind: z.literal('weightsVersion'), version: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('policy'), version: z.string().min(1).max(100) }).strict(),
]);
export type TargetPolicy = z.infer<typeof TargetPolicy>;

export const OPE_ESTIMATORS = ['ips', 'snips', 'dr', 'pbm'] as const;
export const OpeEstimatorName = z.enum(OPE_ESTIMATORS);
export type OpeEstimatorName = z.infer<typeof OpeEstimatorName>;

export const OpeRequest = z
  .object({
    target: TargetPolicy,
    slot: Slot.default('home'),
    from: Time.optional(),
    to: Time.optional(),
    /** Default: the reward the merchandiser set (policies.reward). */
    reward: RewardSpec.optional(),
    /** Importance weights above this are cut to it (reported); default 50. */
    clip: z.number().min(1).max(1e6).default(50),
  })
  .strict();
export type OpeRequest = z.infer<typeof OpeRequest>;

export const OpeEstimate = z.object({
  estimator: OpeEstimatorName,
  /** Expected reward per list within the exploration window, for the target. */
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Effective sample size (sum w)^2 / sum w^2 of the importance weights. */
  effectiveSampleSize: z.number(),
  /** Weights that were clipped, and the largest weight before clipping. */
  clipped: z.number().int(),
  maxWeight: z.number(),
});
export type OpeEstimate = z.infer<typeof OpeEstimate>;

/** One business figure (clicks, purchases or revenue per 1,000 lists) for target and serving. */
export const OpeFigure = z.object({
  name: z.enum(['clicks', 'purchases', 'revenue']),
  /** The estimator the figure comes from (the recommended one for this log). */
  estimator: OpeEstimatorName,
  target: Estimate,
  serving: Estimate,
});
export type OpeFigure = z.infer<typeof OpeFigure>;

export const OpeReport = z.object({
  slot: z.string(),
  from: z.number(),
  to: z.number(),
  reward: RewardSpec,
  /** Lists of the slot in the range, and those served with known exploration propensities. */
  lists: z.number().int(),
  randomisedLists: z.number().int(),
  /** Share of the target's (item, position) choices that the logging policy could have made. */
  support: z.number().nullable(),
  /** The target's reward estimates by each estimator, and serving's on-policy mean on the same lists. */
  estimates: z.array(OpeEstimate),
  serving: Estimate,
  /** Per-1,000-list business figures (the tuning page's "expected effect"). */
  figures: z.array(OpeFigure),
  /** When a figure should not be trusted: too few lists, low support, heavy clipping, a tiny effective sample. */
  warnings: z.array(z.string()),
  tookMs: z.number(),
});
export type OpeReport = z.infer<typeof OpeReport>;

export const ExaminationCurve = z.object({
  slot: z.string(),
  /** Shuffled lists it was estimated from. */
  lists: z.number().int(),
  /** Relative to the window's first position (1.0 there), with 95% intervals. */
  points: z.array(z.object({ position: z.number().int(), examination: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), shown: z.number().int(), clicked: z.number().int() })),
});
export type ExaminationCurve = z.infer<typeof ExaminationCurve>;

export const RankingPolicyVersion = z.object({
  version: z.string(),
  status: z.enum(['registered', 'serving', 'retired']),
  createdAt: z.number(),
  promotedAt: z.number().nullable(),
  /** Training figures and the off-policy estimate against serving at training time. */
  metrics: z.record(z.string(), z.number()),
  /** Reward, data window, features and hyperparameters. */
  config: z.record(z.string(), z.unknown()),
});
export type RankingPolicyVersion = z.infer<typeof RankingPolicyVersion>;

export const TrainPolicyRequest = z
  .object({
    slot: Slot.default('home'),
    /** Learn from the lists of the last N days (default: all). */
    windowDays: z.number().int().min(1).max(3650).optional(),
    reward: RewardSpec.optional(),
  })
  .strict();

export const policyMethods = {
  'exploration.settings': { input: z.object({}).strict().default({}), output: ExplorationBySlot },
  'exploration.configure': { input: z.object({ slot: Slot, settings: ExplorationSettings, note: z.string().max(500).default('') }).strict(), output: ExplorationBySlot },
  'policies.reward': { input: z.object({}).strict().default({}), output: RewardSpec },
  'policies.configureReward': { input: z.object({ reward: RewardSpec, note: z.string().max(500).default('') }).strict(), output: RewardSpec },
  'ope.estimate': { input: OpeRequest, output: OpeReport },
  'ope.examination': { input: z.object({ slot: Slot.default('home'), from: Time.optional(), to: Time.optional(), maxPosition: z.number().int().min(2).max(50).default(20) }).strict(), output: ExaminationCurve },
  'policies.list': { input: z.object({}).strict().default({}), output: z.array(RankingPolicyVersion) },
  /** Trains a ranking policy from the logged lists and rewards, as a job in a worker. */
  'policies.train': { input: TrainPolicyRequest, output: Job },
  'policies.promote': { input: z.object({ version: z.string().min(1).max(100), confirm: Confirmation.optional() }).strict(), output: z.object({ serving: RankingPolicyVersion.nullable() }) },
  /** Back to the fusion weights (or the learned policy that served before). */
  'policies.rollback': { input: z.object({ confirm: Confirmation.optional() }).strict().default({}), output: z.object({ serving: RankingPolicyVersion.nullable() }) },
} as const;
