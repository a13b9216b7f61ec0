import type { EpochRecord, TrainingProgress } from './loop/progress';
import type { BudgetStop, RefitRecord } from './loop/train-intent-model';
import type { IntentModelConfig, TrainingConfig } from './model/config';
import type { TokenEvents } from './data/session-events';
import type { ItemAttributeTable } from './model/item-attributes';

/**
 * Messages between a job runner and `train-worker.ts`: plain data only (typed arrays are
 * structured-cloned or transferred), so the worker needs nothing from the caller's process.
 */
export interface TrainRequest {
  type: 'train';
  sequences: Int32Array[];
  /** Each sequence's event types and gap buckets, for a model with `events` (the store has them; research sets do not). */
  events?: TokenEvents[];
  numItems: number;
  /** Frozen text vectors (numItems x textDim), or null for an id-only model. */
  text: { vectors: Float32Array; dim: number } | null;
  /** Each item's attribute ids, for a model with `useAttributes`. */
  attributes?: ItemAttributeTable | null;
  model: IntentModelConfig;
  training: TrainingConfig;
  checkpointPath?: string;
  /** Continue the run saved at this checkpoint. */
  resumeFromPath?: string;
  /** Where to write the best model (`saveModel` format) and its ONNX export, when set. */
  modelPath?: string;
  onnxPath?: string;
  /** Wall-clock seconds this member may train (`TrainingJob.budgetSeconds`): it then stops cleanly with its best model so far. */
  budgetSeconds?: number;
}

export interface CancelRequest {
  type: 'cancel';
}

export type WorkerRequest = TrainRequest | CancelRequest;

export interface TrainedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export type WorkerMessage =
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'done'; history: EpochRecord[]; bestEpoch: number; bestValNdcg: number; seconds: number; steps: number; refit?: RefitRecord[]; budgetEnded?: BudgetStop; params: TrainedTensor[]; modelPath?: string; onnxPath?: string }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };
