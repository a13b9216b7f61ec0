import { z } from 'zod';
import { boundedJsonObject, RULE_PATCH_LIMITS } from './json-limits';
import { FusionWeights } from './recommendations';

export { Confirmation } from './confirmation';

/**
 * Guarded publishing: before a change that alters what shoppers see, the engine states its expected
 * effect from the figures it has (replayed metric, experiment results, held-out before/after,
 * off-policy estimates). A change worse than what serves by more than the threshold needs a reason;
 * the reason and the figures at that moment go into the audit log with who and when.
 */
export const GuardedAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('weights.set'), weights: FusionWeights }).strict(),
  z.object({ action: z.literal('weights.rollback'), version: z.number().int().min(1) }).strict(),
  z.object({ action: z.literal('models.promote'), version: z.string().min(1).max(100) }).strict(),
  z.object({ action: z.literal('models.rollback') }).strict(),
  /** Creating an enabled rule, or updating a rule so that it is enabled (ruleId present). */
  z.object({ action: z.literal('rules.save'), ruleId: z.string().min(1).max(64).optional(), rule: boundedJsonObject(RULE_PATCH_LIMITS) }).strict(),
  z.object({ action: z.literal('experiments.stop'), experimentId: z.string().min(1).max(64) }).strict(),
  z.object({ action: z.literal('experiments.promote'), experimentId: z.string().min(1).max(64), armId: z.string().min(1).max(32) }).strict(),
  z.object({ action: z.literal('policies.promote'), version: z.string().min(1).max(100) }).strict(),
  z.object({ action: z.literal('policies.rollback') }).strict(),
]);
export type GuardedAction = z.infer<typeof GuardedAction>;

export const GuardFigure = z.object({
  /** What is compared, in words ("Replayed NDCG@10 on held-out sessions", "Conversion in experiment e-3"). */
  label: z.string(),
  source: z.enum(['replay', 'experiment', 'held-out', 'off-policy']),
  serving: z.number().nullable(),
  candidate: z.number().nullable(),
  /** candidate - serving. */
  difference: z.number().nullable(),
  /** difference / serving. */
  relative: z.number().nullable(),
  /** Interval of the candidate's figure (or of the difference, for experiments), when there is one. */
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Worse than serving by more than the threshold. */
  worse: z.boolean(),
});
export type GuardFigure = z.infer<typeof GuardFigure>;

export const Assessment = z.object({
  action: z.string(),
  /** Plain sentences: what changes for shoppers if this goes ahead. */
  effects: z.array(z.string()),
  figures: z.array(GuardFigure),
  /** A figure is worse than serving by more than the threshold: a reason is required to go ahead. */
  worse: z.boolean(),
  thresholdRelative: z.number(),
  /** Figures the engine could not compute, and why (no held-out sessions, no experiment data ...). */
  missing: z.array(z.string()),
  /** Why the change cannot go ahead at all, even with a reason (a learned policy without its off-policy estimate). */
  blocked: z.string().nullable().default(null),
});
export type Assessment = z.infer<typeof Assessment>;

export const GuardSettings = z
  .object({
    /** A change whose figure is below serving by more than this share (0.05 = 5 %) needs a reason. */
    thresholdRelative: z.number().min(0).max(1).default(0.05),
  })
  .strict();
export type GuardSettings = z.infer<typeof GuardSettings>;

export const guardMethods = {
  'guard.assess': { input: GuardedAction, output: Assessment },
  'guard.settings': { input: z.object({}).strict().default({}), output: GuardSettings },
  'guard.configure': { input: z.object({ settings: GuardSettings, note: z.string().max(500).default('') }).strict(), output: GuardSettings },
} as const;
