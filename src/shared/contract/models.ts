import { z } from 'zod';
import { Confirmation } from './confirmation';

/** A trained intent-model version in the registry. */
export const IntentModelVersion = z.object({
  version: z.string(),
  status: z.enum(['registered', 'serving', 'retired']),
  createdAt: z.number(),
  promotedAt: z.number().nullable(),
  sha256: z.string(),
  /** Validation NDCG@10 of the training run, epochs, seconds, sequences and items trained on. */
  metrics: z.record(z.string(), z.number()),
  /** Training window and hyperparameters. */
  config: z.record(z.string(), z.unknown()),
});
export type IntentModelVersion = z.infer<typeof IntentModelVersion>;

export const StartFineTuneRequest = z
  .object({
    /**
     * The most validated epochs: training stops earlier when validation NDCG@10 has not improved for
     * `patience` epochs; then the refit epochs (3 at the defaults: the best epoch's weights trained on
     * the whole sequences, unvalidated) always follow on top, so a job runs at most `epochs + 3`.
     */
    epochs: z.number().int().min(1).max(50).default(8),
    /** Train on the events of the last N days (all events when absent). */
    windowDays: z.number().int().min(1).max(3650).optional(),
    /**
     * Continue from the serving version's weights (incremental fine-tuning on recent events). When
     * absent: incremental on the last 30 days when the store is large (more than 1,000,000 item
     * events) and a version serves, else from scratch; the job's result says which and why.
     */
    fromServing: z.boolean().optional(),
    /**
     * Wall-clock seconds the job may train (60 s to 7 days): when spent, training stops cleanly,
     * keeps the best model so far, and the result says the budget ended it (`budgetEnded`).
     */
    budgetSeconds: z.number().int().min(60).max(604_800).optional(),
    /**
     * `auto` (when absent, unless the engine is configured otherwise): choose the model's size,
     * dropout, epochs, refit, ensemble size and item parts on held-out last items of the training
     * shoppers within a time budget first (docs/INTENT_MODEL.md); `defaults`: the documented
     * defaults. An incremental run (`fromServing`) keeps the serving version's configuration.
     */
    config: z.enum(['auto', 'defaults']).optional(),
  })
  .strict();

export const PromoteModelRequest = z.object({ version: z.string().min(1).max(100), confirm: Confirmation.optional() }).strict();

/** What serves after a promote or a roll back (null: no learned model, the text intent serves). */
export const ServingModel = z.object({ serving: IntentModelVersion.nullable() });
