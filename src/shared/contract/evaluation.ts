import { z } from 'zod';

const Interval = z.tuple([z.number(), z.number()]);

/**
 * The stored and printed shape of one evaluation. A schema (not just a type) because stored files
 * are read back by the console, possibly after the format has moved on.
 */
export const EvaluationResult = z.object({
  schemaVersion: z.literal(1),
  dataset: z.string(),
  protocol: z.string(),
  fold: z.enum(['test', 'validation']),
  /** The spec as given (e.g. `itemknn:lastN=5`); `modelName` spells out every hyperparameter. */
  model: z.string(),
  modelName: z.string(),
  masked: z.boolean(),
  cases: z.number().int(),
  metrics: z.record(z.string(), z.number()),
  ci: z.record(z.string(), Interval),
  /** The other masking mode's means, so one run reports both. */
  alternate: z.object({ masked: z.boolean(), metrics: z.record(z.string(), z.number()) }),
  beyondAccuracy: z.object({ coverage: z.number(), popularityPercentile: z.number(), coldExposure: z.number() }),
  bootstrap: z.object({ resamples: z.number().int(), seed: z.number().int() }),
  timings: z.object({ loadSeconds: z.number(), fitSeconds: z.number(), scoreSeconds: z.number() }),
  importRejections: z.number().int(),
  date: z.string(),
  /**
   * What produced the run: the spec actually trained (for `…:auto` on the test fold, the frozen
   * selection), its training seed, the code version, and on the test fold the frozen entry it ran.
   * Absent in runs stored before it existed.
   */
  provenance: z
    .object({
      spec: z.string(),
      seed: z.number().int().nullable(),
      codeVersion: z.object({ sha: z.string().nullable(), dirty: z.boolean() }),
      frozen: z.object({ file: z.string(), key: z.string(), spec: z.string(), entrySha256: z.string() }).optional(),
    })
    .optional(),
  /** An automatic selection (validation fold): the chosen spec, why, and every trial's figures. */
  selection: z
    .object({
      spec: z.string(),
      candidate: z.string(),
      seconds: z.number(),
      budgetSeconds: z.number(),
      decisions: z.record(z.string(), z.unknown()),
      trials: z.array(z.record(z.string(), z.unknown())),
    })
    .optional(),
});
export type EvaluationResult = z.infer<typeof EvaluationResult>;

export const StoredEvalResult = z.object({
  /** `<dataset>/<model>/<version>.json`, relative to the results folder. */
  key: z.string(),
  result: EvaluationResult,
});
export type StoredEvalResult = z.infer<typeof StoredEvalResult>;

export const ListEvalResultsRequest = z
  .object({ dataset: z.string().max(200).optional(), limit: z.number().int().min(1).max(1000).default(200) })
  .strict();
