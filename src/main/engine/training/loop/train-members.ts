import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startEngineWorker } from '../../workers/start-engine-worker';
import { loadModel } from '../checkpoint/model-file';
import type { TrainRequest, WorkerMessage } from '../training-messages';
import { TrainingCancelledError, type TrainingProgress } from './progress';
import type { TrainingJob, TrainingResult } from './train-intent-model';

/** A member's `done` message: its history, best epoch, refit records, parameters and the files it wrote. */
export type MemberDone = Extract<WorkerMessage, { type: 'done' }>;

/** What one member's training gets: its own cancel signal, and where its progress goes. */
export interface MemberIO {
  signal: AbortSignal;
  onProgress: (progress: TrainingProgress) => void;
}

/** Trains one member; rejects with an error once it stopped (`cancelled` when on a cancel). */
export type MemberTrainer = (request: TrainRequest, io: MemberIO) => Promise<MemberDone>;

export interface TrainMembersHooks {
  /** Every progress message of every member (`member` = its index in the requests). */
  onProgress?: (member: number, progress: TrainingProgress) => void;
  /** Each member as it finishes, before the others have; a throw fails that member. */
  onDone?: (member: number, done: MemberDone) => void;
  /** Abort → every running member is sent `cancel`; the call rejects with `TrainingCancelledError` once all have stopped. */
  signal?: AbortSignal;
  /** Trains one member (default: `trainInWorker`); tests wrap it to see the requests or make a member fail. */
  trainMember?: MemberTrainer;
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

/** The training worker, bundled or from source (see startEngineWorker). */
export function startTrainingWorker(): Worker {
  return startEngineWorker('train-worker', resolve(__dirname, '../train-worker.ts'));
}

/**
 * Trains one request in a `train-worker` thread: its progress to `onProgress`, an abort of `signal`
 * to a `cancel` message. The worker is terminated only after its final message (terminating it
 * inside ONNX Runtime would abort the process), and the promise settles once it is gone: resolves
 * with the `done` message, rejects with the worker's error or `Error('cancelled')`.
 */
export function trainInWorker(request: TrainRequest, { signal, onProgress }: MemberIO): Promise<MemberDone> {
  const worker = startTrainingWorker();
  return new Promise<MemberDone>((resolveDone, reject) => {
    const onAbort = (): void => worker.postMessage({ type: 'cancel' });
    let ended = false;
    const end = (settle: () => void): void => {
      if (ended) return;
      ended = true;
      signal.removeEventListener('abort', onAbort);
      // The worker has left its training (final message sent, or it already died): safe to stop it.
      void worker.terminate().finally(settle);
    };
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'progress') onProgress(msg.progress);
      else if (msg.type === 'done') end(() => resolveDone(msg));
      else end(() => reject(new Error(msg.type === 'cancelled' ? 'cancelled' : msg.message)));
    });
    worker.on('error', (err) => end(() => reject(err)));
    worker.on('exit', (code) => end(() => reject(new Error(`worker exited (code ${code}) before finishing`))));
    signal.addEventListener('abort', onAbort);
    worker.postMessage(request);
    // Cancelled before it started (another member failed at once): it still stops at its first step.
    if (signal.aborted) onAbort();
  });
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
export function shareRequestInputs<T extends Pick<TrainRequest, 'sequences' | 'events' | 'text'>>(request: T): T {
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
  // The tokens' event types and gap buckets likewise (one buffer each, not a copy per member).
  let events = request.events;
  if (events !== undefined && events.length === request.sequences.length && events.every((ev, k) => ev.types.length === request.sequences[k]!.length && ev.gaps.length === ev.types.length)) {
    const types = new Int32Array(new SharedArrayBuffer(total * 4));
    const gaps = new Int32Array(new SharedArrayBuffer(total * 4));
    let e = 0;
    events = events.map((ev) => {
      types.set(ev.types, e);
      gaps.set(ev.gaps, e);
      const out = { types: types.subarray(e, e + ev.types.length), gaps: gaps.subarray(e, e + ev.gaps.length) };
      e += ev.types.length;
      return out;
    });
  }
  let text = request.text;
  if (text !== null && !(text.vectors.buffer instanceof SharedArrayBuffer)) {
    const vectors = new Float32Array(new SharedArrayBuffer(text.vectors.byteLength));
    vectors.set(text.vectors);
    text = { vectors, dim: text.dim };
  }
  return { ...request, sequences, text, ...(events !== undefined ? { events } : {}) };
}

/**
 * Trains k requests at once, one worker thread each by default (`trainInWorker`; ONNX Runtime runs
 * one intra-op thread per training, so k members use about k cores), each member with its own
 * cancel signal. Resolves with every member's `done` message, in request order. No worker is
 * terminated while it trains: on abort, or when one member fails, the others are sent `cancel` and
 * the call waits for each one to stop. Rejects with `MemberTrainingError` naming the first member
 * that failed (not one cancelled because of it), else `TrainingCancelledError` if the signal
 * aborted or a member was cancelled.
 */
export async function trainMembers(requests: readonly TrainRequest[], hooks: TrainMembersHooks = {}): Promise<MemberDone[]> {
  const { signal, onProgress, onDone } = hooks;
  if (signal?.aborted === true) throw new TrainingCancelledError();
  const train = hooks.trainMember ?? trainInWorker;
  const controllers = requests.map(() => new AbortController());
  const cancelAll = (): void => controllers.forEach((c) => c.abort());
  signal?.addEventListener('abort', cancelAll);
  let failed: { member: number; reason: string } | undefined;
  try {
    const settled = await Promise.allSettled(
      requests.map(async (request, m) => {
        try {
          const done = await train(request, { signal: controllers[m]!.signal, onProgress: (p) => onProgress?.(m, p) });
          onDone?.(m, done);
          return done;
        } catch (err) {
          if (failed === undefined && !controllers[m]!.signal.aborted) {
            failed = { member: m, reason: err instanceof Error ? err.message : String(err) };
            cancelAll();
          }
          throw err;
        }
      }),
    );
    if (failed !== undefined) throw new MemberTrainingError(failed.member, requests[failed.member]!.training.seed, failed.reason);
    // Else a member that did not finish was cancelled: the signal aborted.
    if (controllers.some((c) => c.signal.aborted)) throw new TrainingCancelledError();
    return settled.map((s) => (s as PromiseFulfilledResult<MemberDone>).value);
  } finally {
    signal?.removeEventListener('abort', cancelAll);
  }
}

/**
 * A k-seed ensemble of one training job (seeds seed ... seed + k - 1), the members trained in
 * parallel: their model files go to a temporary folder, are loaded back and the folder is
 * removed. Results are in seed order, as `trainIntentModel` would return them.
 */
export async function trainEnsembleModels(job: TrainingJob, k: number, hooks: TrainMembersHooks = {}): Promise<TrainingResult[]> {
  if (job.resumeFrom !== undefined || job.checkpointPath !== undefined) throw new Error('trainEnsembleModels trains new members: no checkpoint or resume');
  const dir = mkdtempSync(join(tmpdir(), 'intent-ensemble-'));
  try {
    const base = shareRequestInputs<TrainRequest>({ type: 'train', sequences: [...job.sequences], events: job.events === undefined ? undefined : [...job.events], numItems: job.numItems, text: job.text, attributes: job.attributes, model: job.model, training: job.training });
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
