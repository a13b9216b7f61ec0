/**
 * What the encoder pool and its worker threads say to each other. Vectors cross as transferred
 * Float32Array buffers (no copy); errors cross as plain data and are rebuilt as the same typed
 * errors on the pool's side, so a missing model file reads the same whether a worker or the
 * calling thread found it.
 */
import type { BatchingOptions } from './batching';
import type { SessionTuning } from './encoder-session';
import { ModelFileError, ModelManifestError, SessionCreateError, type ModelFileProblem } from './errors';
import type { ExecutionProviderName } from './execution-providers';
import type { SessionProviderRecord } from './provider-records';
import type { ProviderPlan } from './provider-resolver';
import type { EncoderVariant } from './sentence-encoder';

/** The worker's `workerData`: how to load its own SentenceEncoder. */
export interface EncoderWorkerConfig {
  variant: EncoderVariant;
  modelDir?: string;
  providers?: readonly ExecutionProviderName[] | ProviderPlan;
  tuning: Partial<SessionTuning>;
  batching?: Partial<BatchingOptions>;
  sessionName?: string;
}

/**
 * `stop` asks the worker to finish its chunk, release its session and exit. The pool never calls
 * Worker.terminate() on a busy worker: terminating a thread inside InferenceSession.run aborts the
 * whole process (onnxruntime-node 1.30: "terminate called after throwing an instance of
 * 'Napi::Error'").
 */
export type ToEncoderWorker = { type: 'embed'; chunk: number; texts: string[] } | { type: 'stop' };

export type FromEncoderWorker =
  | { type: 'ready'; provider: ExecutionProviderName; modelVersion: string; dimensions: number; record: SessionProviderRecord }
  | { type: 'load-failed'; error: TransferredError }
  | { type: 'embedded'; chunk: number; vectors: Float32Array[] }
  | { type: 'chunk-failed'; chunk: number; error: TransferredError }
  | { type: 'log'; level: 'info' | 'warn'; message: string };

export type TransferredError =
  | { kind: 'model-file'; file: string; problem: ModelFileProblem; detail: string }
  | { kind: 'manifest'; file: string; detail: string }
  | { kind: 'session-create'; modelFile: string; attempts: Array<{ provider: string; error: string }> }
  | { kind: 'other'; name: string; message: string };

export function transferError(err: unknown): TransferredError {
  if (err instanceof ModelFileError) return { kind: 'model-file', file: err.file, problem: err.problem, detail: err.detail };
  if (err instanceof ModelManifestError) return { kind: 'manifest', file: err.file, detail: err.detail };
  if (err instanceof SessionCreateError) return { kind: 'session-create', modelFile: err.modelFile, attempts: [...err.attempts] };
  if (err instanceof Error) return { kind: 'other', name: err.name, message: err.message };
  return { kind: 'other', name: 'Error', message: String(err) };
}

/** Configuration faults come back as their own classes; anything else as a plain Error. */
export function reviveError(t: TransferredError): Error {
  switch (t.kind) {
    case 'model-file':
      return new ModelFileError(t.file, t.problem, t.detail);
    case 'manifest':
      return new ModelManifestError(t.file, t.detail);
    case 'session-create':
      return new SessionCreateError(t.modelFile, t.attempts);
    case 'other':
      return new Error(t.name === 'Error' ? t.message : `${t.name}: ${t.message}`);
  }
}

/** A model folder or runtime that cannot work: starting another thread would fail the same way. */
export function isConfigurationFault(t: TransferredError): boolean {
  return t.kind !== 'other';
}
