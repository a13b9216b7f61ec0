/**
 * The narrow seam between the encoder and ONNX Runtime: one padded batch in, token states
 * out. Tests substitute a fake factory to exercise provider fallback without a GPU.
 */
import type { ExecutionProviderName } from './execution-providers';
import type { NodePlacement } from './ort-placement';

/** A padded batch, row-major [batch, seq]; int64 as ONNX BERT graphs expect. */
export interface EncoderBatch {
  batch: number;
  seq: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
}

/** Token states for a batch, row-major [batch, seq, dimensions]. */
export interface TokenStates {
  data: Float32Array;
  dimensions: number;
}

export interface EncoderSession {
  run(batch: EncoderBatch): Promise<TokenStates>;
  /** Where ONNX Runtime ran the nodes of the runs so far (once, after the warm-up); absent for fakes that cannot say. */
  placement?(): Promise<NodePlacement | null>;
  release(): Promise<void>;
}

export interface SessionTuning {
  /** Threads for one operator; 0 lets ONNX Runtime pick (all physical cores). */
  intraOpThreads: number;
  graphOptimization: 'disabled' | 'basic' | 'extended' | 'all';
  /** Let idle pool threads spin for work: lower latency on idle cores, but on a shared
   * 2-core desktop it burns the cores the UI and other jobs need. */
  spinWait: boolean;
}

/**
 * 'basic': the exported graphs are already fused offline; ORT's extended level would re-fuse
 * SkipLayerNormalization, whose CPU kernel is much slower than Add + LayerNormalization.
 */
export const DEFAULT_TUNING: SessionTuning = { intraOpThreads: 0, graphOptimization: 'basic', spinWait: false };

export type SessionFactory = (
  modelPath: string,
  provider: ExecutionProviderName,
  tuning: SessionTuning,
) => Promise<EncoderSession>;

export interface InferenceLog {
  info(message: string): void;
  warn(message: string): void;
}

/** Diagnostics go to stderr: a command's stdout (`--json`) stays parseable, worker threads' lines included. */
export const consoleLog: InferenceLog = {
  info: (m) => process.stderr.write(`[inference] ${m}\n`),
  warn: (m) => console.warn(`[inference] ${m}`),
};
