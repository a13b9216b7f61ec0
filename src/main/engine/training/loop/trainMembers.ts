import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startEngineWorker } from '../../workers/start-engine-worker';
import { loadModel } from '../checkpoint/modelFile';
import type { TrainRequest, WorkerMessage } from '../trainingMessages';
import { TrainingCancelledError, type TrainingProgress } from './progress';
import type { TrainingJob, TrainingResult } from './trainIntentModel';

/** A member's `done` message: its history, best epoch, refit records, parameters and the files it wrote. */
export type MemberDone = Extract<WorkerMessage, { type: 'done' }>;

export interface TrainMembersHooks {
  /** Every progress message of every member (`member` = its index in the requests). */
  onProgress?: (member: number, progress: TrainingProgress) => void;
  /** Abort → every running member is sent `cancel`; the call rejects with `TrainingCancelledError` once all have stopped. */
  signal?: AbortSignal;
  /** Starts one training worker (default: the `train-worker` entry, bundled or from source). */
  startWorker?: () => Worker;
}

/** One member of a parallel training failed; the others were cancelled. */
export class MemberTrainingError extends Error {
  constructor(
    readonly member: number,
    readonly seed: number,
    readonly reason: string,
  ) {
    super(`ensemble member ${member} (seed ${seed}) failed: ${reason}`);
    this.name = 'MemberTrainingError';
  }
}

export function startTrainingWorker(): Worker {
  return startEngineWorker('train-worker', resolve(__dirname, '../train-worker.ts'));
}

/** The ensemble's requests: `base` with seeds seed, seed + 1, ..., seed + k - 1 (model and files per member set by the caller). */
export function memberRequests(base: TrainRequest, k: number, modelPath?: (member: number) => string): TrainRequest[] {
  return Array.from({ length: k }, (_, m) => ({
    ...base,
    training: { ...base.training, seed: base.training.seed + m },
    modelPath: modelPath?.(m) ?? base.modelPath,
    onnxPath: undefined,
    checkpointPath: undefined,
  }));
}

/**
 * Copies the request's large read-only inputs into SharedArrayBuffers once: every worker then
 * reads the same memory (a SharedArrayBuffer is shared, not copied, when posted) instead of getting
 * its own structured-clone copy of the text table (Beauty: 12,101 × 384 floats = 18.6 MB per member).
 * The sequences are packed into one buffer. Training never writes to either.
 */
export function shareRequestInputs(request: TrainRequest): TrainRequest {
  let total = 0;
  for (const s of request.sequences) total += s.length;
  const flat = new Int32Array(new SharedArrayBuffer(total * 4));
  const sequences: Int32Array[] = [];
  let at = 0;
  for (const s of request.sequences) {
    flat.set(s, at);
    sequences.push(flat.subarray(at, at + s.length));
    at += s.length;
  }
  let text = request.text;
  if (text !== null && !(text.vectors.buffer instanceof SharedArrayBuffer)) {
    const vectors = new Float32Array(new SharedArrayBuffer(text.vectors.byteLength));
    vectors.set(text.vectors);
    text = { vectors, dim: text.dim };
  }
  return { ...request, sequences, text };
}

type MemberState = { kind: 'running' } | { kind: 'done'; message: MemberDone } | { kind: 'cancelled' } | { kind: 'failed'; reason: string };

/**
 * Trains k requests at once, one worker thread each (`train-worker.ts`; ONNX Runtime runs one
 * intra-op thread per training, so k members use about k cores). Resolves with every member's
 * `done` message, in request order. A worker is never terminated while it trains (it may be inside
 * ONNX Runtime): on abort, or when one member fails, the others are sent `cancel` and the call
 * waits for each one's final message before terminating the workers. Rejects with
 * `MemberTrainingError` naming the first member that failed, else `TrainingCancelledError` if the
 * signal aborted (or a member reported cancelled).
 */
export async function trainMembers(requests: readonly TrainRequest[], hooks: TrainMembersHooks = {}): Promise<MemberDone[]> {
  const { signal, onProgress } = hooks;
  if (signal?.aborted === true) throw new TrainingCancelledError();
  const start = hooks.startWorker ?? startTrainingWorker;
  const states: MemberState[] = requests.map(() => ({ kind: 'running' }));
  const workers: Worker[] = [];
  let cancelling = false;
  let firstFailed = -1;
  const cancelAll = (): void => {
    if (cancelling) return;
    cancelling = true;
    states.forEach((s, m) => {
      if (s.kind === 'running') workers[m]?.postMessage({ type: 'cancel' });
    });
  };
  let aborted = false;
  const onAbort = (): void => {
    aborted = true;
    cancelAll();
  };
  signal?.addEventListener('abort', onAbort);
  try {
    const finished = requests.map(
      (request, m) =>
        new Promise<void>((settle) => {
          const worker = start();
          workers.push(worker);
          const end = (state: MemberState): void => {
            if (states[m]!.kind !== 'running') return;
            states[m] = state;
            worker.removeAllListeners('message');
            // The worker has left its training (final message sent, or it already died): safe to stop it.
            void worker.terminate().finally(settle);
            if (state.kind === 'failed') {
              if (firstFailed < 0) firstFailed = m;
              cancelAll();
            }
          };
          worker.on('message', (msg: WorkerMessage) => {
            if (msg.type === 'progress') onProgress?.(m, msg.progress);
            else if (msg.type === 'done') end({ kind: 'done', message: msg });
            else if (msg.type === 'cancelled') end({ kind: 'cancelled' });
            else end({ kind: 'failed', reason: msg.message });
          });
          worker.on('error', (err) => end({ kind: 'failed', reason: err instanceof Error ? err.message : String(err) }));
          worker.on('exit', (code) => end({ kind: 'failed', reason: `worker exited (code ${code}) before finishing` }));
          worker.postMessage(request);
          if (cancelling) worker.postMessage({ type: 'cancel' });
        }),
    );
    await Promise.all(finished);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (firstFailed >= 0) throw new MemberTrainingError(firstFailed, requests[firstFailed]!.training.seed, (states[firstFailed] as { reason: string }).reason);
  if (aborted || states.some((s) => s.kind === 'cancelled')) throw new TrainingCancelledError();
  return states.map((s) => (s as { message: MemberDone }).message);
}

/**
 * A k-seed ensemble of one training job (seeds seed ... seed + k - 1), the members trained in
 * parallel: their model files go to a temporary folder, are loaded back and the folder is
 * removed. Results are in seed order, as `trainIntentModel` would return them.
 */
export async function trainEnsemble(job: TrainingJob, k: number, hooks: TrainMembersHooks = {}): Promise<TrainingResult[]> {
  if (job.resumeFrom !== undefined || job.checkpointPath !== undefined) throw new Error('trainEnsemble trains new members: no checkpoint or resume');
  const dir = mkdtempSync(join(tmpdir(), 'intent-ensemble-'));
  try {
    const base = shareRequestInputs({ type: 'train', sequences: [...job.sequences], events: job.events === undefined ? undefined : [...job.events], numItems: job.numItems, text: job.text, model: job.model, training: job.training });
    const members = await trainMembers(memberRequests(base, k, (m) => join(dir, `member-${m}.bin`)), hooks);
    return members.map((done) => ({
      model: loadModel(done.modelPath!),
      history: done.history,
      bestEpoch: done.bestEpoch,
      bestValNdcg: done.bestValNdcg,
      seconds: done.seconds,
      steps: done.steps,
      refit: done.refit ?? [],
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
