import { z } from 'zod';
import { Confirmation } from './confirmation';
import { Estimate, LoopCounts, LoopMetrics, MetricName } from './loop';

/**
 * A/B/n tests and bandits over ranking policies. Each arm names what serves its shoppers; anything
 * an arm leaves out is what serves everyone else at that moment.
 */
export const ArmPolicy = z
  .object({
    /** A stored fusion-weights version. */
    weightsVersion: z.number().int().min(1).optional(),
    /** A registered intent-model version, or 'none' for the text intent alone. */
    modelVersion: z.string().min(1).max(100).optional(),
    /** Rules switched off for this arm (by id). */
    excludeRules: z.array(z.string().min(1).max(64)).max(200).default([]),
    /** A learned ranking policy version (see policies.*). */
    policyVersion: z.string().min(1).max(100).optional(),
    /** The holdout: a non-personalised list (popularity only, filter rules only), to measure what the whole system adds. */
    holdout: z.boolean().default(false),
  })
  .strict();
export type ArmPolicy = z.infer<typeof ArmPolicy>;

const ArmId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, at most 32');

export const ArmInput = z
  .object({
    armId: ArmId,
    name: z.string().trim().min(1).max(100),
    /** Share of the experiment's traffic, 0..1; the shares add up to 1. */
    share: z.number().min(0).max(1),
    policy: ArmPolicy,
  })
  .strict();
export type ArmInput = z.input<typeof ArmInput>;

export const EXPERIMENT_MODES = ['ab', 'bandit'] as const;
export const EXPERIMENT_REWARDS = ['ctr', 'conversion', 'revenue'] as const;
export const ExperimentReward = z.enum(EXPERIMENT_REWARDS);
export type ExperimentReward = z.infer<typeof ExperimentReward>;

export const ExperimentInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    hypothesis: z.string().max(1000).default(''),
    /** The slots whose lists it serves (recommendation slot names, or 'search'). */
    slots: z.array(z.string().min(1).max(64)).min(1).max(20),
    mode: z.enum(EXPERIMENT_MODES).default('ab'),
    /** The primary metric: the bandit optimises it and the result view leads with it. */
    reward: ExperimentReward.default('conversion'),
    /** The first arm is the control. */
    arms: z.array(ArmInput).min(2).max(6),
    /** Bandit mode: the least share any arm keeps, so every arm goes on being measured. */
    floor: z.number().min(0).max(0.5).default(0.05),
    /** Stop by itself when an arm's conversion is below control's by more than `margin` (absolute, e.g. 0.005 = 0.5 points) with confidence. */
    guardrail: z
      .object({ enabled: z.boolean().default(true), margin: z.number().min(0).max(1).default(0.005), minLists: z.number().int().min(10).max(1_000_000).default(500) })
      .strict()
      .default({ enabled: true, margin: 0.005, minLists: 500 }),
    /** Error rate of the always-valid intervals. */
    alpha: z.number().min(0.001).max(0.2).default(0.05),
  })
  .strict()
  .superRefine((e, ctx) => {
    const total = e.arms.reduce((s, a) => s + a.share, 0);
    if (Math.abs(total - 1) > 1e-6) ctx.addIssue({ code: 'custom', path: ['arms'], message: `shares add up to ${total.toFixed(4)}, not 1` });
    const ids = new Set<string>();
    e.arms.forEach((a, i) => {
      if (ids.has(a.armId)) ctx.addIssue({ code: 'custom', path: ['arms', i, 'armId'], message: `arm id ${a.armId} is used twice` });
      ids.add(a.armId);
    });
    if (e.mode === 'bandit' && e.floor * e.arms.length > 1) ctx.addIssue({ code: 'custom', path: ['floor'], message: `a floor of ${e.floor} for ${e.arms.length} arms is more than all the traffic` });
    if (new Set(e.slots).size !== e.slots.length) ctx.addIssue({ code: 'custom', path: ['slots'], message: 'a slot is listed twice' });
  });
export type ExperimentInput = z.input<typeof ExperimentInput>;

export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped'] as const;

export const Arm = z.object({ armId: z.string(), name: z.string(), share: z.number(), policy: ArmPolicy });
export type Arm = z.infer<typeof Arm>;

export const Experiment = z.object({
  experimentId: z.string(),
  name: z.string(),
  hypothesis: z.string(),
  slots: z.array(z.string()),
  mode: z.enum(EXPERIMENT_MODES),
  reward: ExperimentReward,
  arms: z.array(Arm),
  floor: z.number(),
  guardrail: z.object({ enabled: z.boolean(), margin: z.number(), minLists: z.number().int() }),
  alpha: z.number(),
  status: z.enum(EXPERIMENT_STATUSES),
  /** The traffic share each arm gets now (bandit mode moves them; A/B keeps the configured ones). */
  shares: z.array(z.number()),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  stoppedAt: z.number().nullable(),
  stoppedBy: z.enum(['operator', 'guardrail']).nullable(),
  stopReason: z.string().nullable(),
  /** The arm whose policy was promoted to serve everyone, if one was. */
  promotedArm: z.string().nullable(),
});
export type Experiment = z.infer<typeof Experiment>;

export const Comparison = z.object({
  metric: MetricName,
  /** Arm minus control. */
  difference: z.number().nullable(),
  /** Always-valid 95% (1 - alpha) interval of the difference: valid however often it is looked at. */
  low: z.number().nullable(),
  high: z.number().nullable(),
  verdict: z.enum(['better', 'worse', 'inconclusive']),
});
export type Comparison = z.infer<typeof Comparison>;

export const ArmResult = z.object({
  armId: z.string(),
  name: z.string(),
  share: z.number(),
  counts: LoopCounts,
  metrics: LoopMetrics,
  /** Empty for the control arm. */
  vsControl: z.array(Comparison),
  /** Bandit mode: posterior probability that this arm is best on the reward. */
  probabilityBest: z.number().nullable(),
});
export type ArmResult = z.infer<typeof ArmResult>;

/** An intent model an arm names, as the engine holds it: loaded in the background when the experiment starts (docs/EXPERIMENTS.md). */
export const ArmModelStatus = z.object({
  version: z.string(),
  state: z.enum(['loading', 'ready', 'failed']),
  /** Why the load failed (null unless failed). */
  error: z.string().nullable(),
});
export type ArmModelStatus = z.infer<typeof ArmModelStatus>;

export const ExperimentResults = z.object({
  experiment: Experiment,
  arms: z.array(ArmResult),
  /** One plain sentence on what can be concluded now. */
  statement: z.string(),
  /** How the intervals are made, for the reader. */
  method: z.string(),
  guardrail: z.object({ status: z.enum(['ok', 'waiting', 'tripped', 'off']), message: z.string() }),
  /** Share of each arm over time (bandit mode), oldest first. */
  allocations: z.array(z.object({ t: z.number(), shares: z.array(z.number()) })),
  /** The reward metric's difference (arm − control) for the arm the statement is about, with its always-valid interval; null with no data. */
  primary: Estimate.nullable(),
  /** A running experiment's arm intent models: until every one is loaded, its lists are served as everyone's and count for no arm. */
  armModels: z.array(ArmModelStatus).optional(),
});
export type ExperimentResults = z.infer<typeof ExperimentResults>;

const ExperimentId = z.string().min(1).max(64);

export const experimentMethods = {
  'experiments.list': { input: z.object({}).strict().default({}), output: z.array(Experiment) },
  'experiments.create': { input: ExperimentInput, output: Experiment },
  'experiments.start': { input: z.object({ experimentId: ExperimentId }).strict(), output: Experiment },
  'experiments.stop': { input: z.object({ experimentId: ExperimentId, confirm: Confirmation.optional() }).strict(), output: Experiment },
  'experiments.results': { input: z.object({ experimentId: ExperimentId }).strict(), output: ExperimentResults },
  /** Makes one arm's policy what serves everyone (weights version, model version, rules), and stops the experiment. */
  'experiments.promote': { input: z.object({ experimentId: ExperimentId, armId: z.string().min(1).max(32), confirm: Confirmation.optional() }).strict(), output: Experiment },
} as const;
