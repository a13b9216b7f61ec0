import type { LossConfig } from '../loss/loss-config';

/** Hyperparameters of the intent model and its training run; every one is recorded with results. */
export interface IntentModelConfig {
  /** Width of item vectors and of the transformer. */
  dim: number;
  blocks: number;
  heads: number;
  /** Feed-forward inner width as a multiple of `dim`. */
  ffMultiplier: number;
  /** Most recent items the model reads. */
  maxLen: number;
  dropout: number;
  /** Whether items get a learned id embedding on top of their text projection. */
  useIds: boolean;
  /** Whether items get their frozen text vector (false = an id-only SASRec, the cold-start control). */
  useText: boolean;
  /**
   * A learned repeat term: one scalar added to the scores of the items already in the history
   * (learns how often shoppers come back to an item: negative on Amazon sets, positive on clicks).
   */
  repeatTerm: boolean;
  /**
   * Event-type and time-gap embeddings added to each input token (data/sessionEvents.ts). Needs
   * per-token types and times: on for the store's fine-tune jobs, off for the Amazon research sets
   * (order only). Absent in files written before it existed, which means off.
   */
  events?: boolean;
  /**
   * Item attributes (brand, category nodes, price band; a research set's anonymous attribute ids)
   * as one more part of each item vector: the mean of the item's rows of a learned `item.attr`
   * table (model/item-attributes.ts). Absent in files written before it existed, which means off.
   */
  useAttributes?: boolean;
}

export interface TrainingConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  /** Where the catalogue-sized softmax runs: ONNX Runtime (fast) or the TypeScript kernels (tests). */
  engine: 'onnxruntime' | 'typescript';
  /** Stop after this many epochs without a better validation NDCG@10. */
  patience: number;
  /** Validation users scored per epoch (0 = all). */
  validationUsers: number;
  seed: number;
  /** Stop after this many seconds (0 = no limit); the best epoch so far is kept. */
  timeBudgetSeconds: number;
  /**
   * Refit phase: after early stopping, continue from the best epoch's weights for this many
   * epochs on the whole sequences, each one's held-out last item included (0 = none). Those items
   * are then trained on, so the refit epochs are not validated; the refit weights are returned.
   */
  refitEpochs: number;
  /** Refit from scratch instead: fresh weights and optimiser, as many epochs as the best epoch, on the whole sequences. */
  refitScratch: boolean;
  /** Learning rate of epoch e = lr · lrDecay^(e − 1) (1 = constant). */
  lrDecay: number;
  /**
   * The training loss: a full softmax over the whole catalogue, or a sampled softmax with log-Q
   * correction (model/loss-config.ts). Absent (runs and files from before it existed) = full.
   */
  loss?: LossConfig;
}

export const MODEL_DEFAULTS: IntentModelConfig = {
  dim: 64,
  blocks: 2,
  heads: 1,
  ffMultiplier: 2,
  maxLen: 50,
  dropout: 0.3,
  useIds: true,
  useText: true,
  repeatTerm: true,
  events: false,
  useAttributes: false,
};

export const TRAINING_DEFAULTS: TrainingConfig = {
  epochs: 30,
  batchSize: 128,
  learningRate: 0.002,
  weightDecay: 0,
  engine: 'onnxruntime',
  patience: 3,
  validationUsers: 4000,
  seed: 7,
  timeBudgetSeconds: 0,
  refitEpochs: 3,
  refitScratch: false,
  lrDecay: 1,
};

export function validateModelConfig(config: IntentModelConfig): void {
  if (!Number.isInteger(config.dim) || config.dim < 1) throw new Error(`dim=${config.dim} must be a positive integer`);
  if (!Number.isInteger(config.heads) || config.heads < 1 || config.dim % config.heads !== 0) throw new Error(`heads=${config.heads} must divide dim=${config.dim}`);
  if (!Number.isInteger(config.blocks) || config.blocks < 0) throw new Error(`blocks=${config.blocks} must be a non-negative integer`);
  if (!Number.isInteger(config.maxLen) || config.maxLen < 1) throw new Error(`maxLen=${config.maxLen} must be a positive integer`);
  if (!(config.dropout >= 0 && config.dropout < 1)) throw new Error(`dropout=${config.dropout} must be in [0, 1)`);
  if (!config.useIds && !config.useText && config.useAttributes !== true) throw new Error('an item needs its text vector, its id embedding, its attributes or a mix');
}
