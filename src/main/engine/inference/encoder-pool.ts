/**
 * The catalogue's text encoder on worker threads. onnxruntime-node runs `InferenceSession.run`
 * synchronously on the calling thread, so embedding a catalogue in-process blocks the event
 * loop for every batch; and ORT's intra-op threads scale poorly on the small GEMMs of a batch of
 * titles, while independent batches on independent threads scale ~linearly. So: N workers, each
 * with its own single-threaded SentenceEncoder, pulling chunks of texts (a few batches each) from a
 * shared queue. The calling thread only sorts texts by length and places the vectors it gets back.
 */
import os from 'node:os';
import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startEngineWorker } from '../workers/start-engine-worker';
import { DEFAULT_BATCHING, type BatchingOptions } from './batching';
import { ChunkQueue } from './chunk-queue';
import type { ItemEmbedder } from './embedding-job';
import { consoleLog, type InferenceLog, type SessionTuning } from './encoder-session';
import { EncoderThread, EncoderThreadStartError, type EncoderThreadReady } from './encoder-thread';
import { isConfigurationFault, reviveError, type EncoderWorkerConfig } from './encoder-worker-messages';
import { EncoderWorkerError } from './errors';
import type { ExecutionProviderName } from './execution-providers';
import { planProviders, type ProviderPlan } from './provider-resolver';
import { SentenceEncoder, type EncoderVariant } from './sentence-encoder';

/** An ItemEmbedder for bulk work (catalogue, datasets), on worker threads or, failing that, in-process. */
export interface BulkEncoder extends ItemEmbedder {
  readonly provider: ExecutionProviderName;
  readonly dimensions: number;
  /** Live worker threads; 0 when it embeds on the calling thread. */
  readonly workers: number;
  /** False once every worker has died: embed() rejects, start a new pool. */
  readonly usable: boolean;
  dispose(): Promise<void>;
}

export interface EncoderPoolOptions {
  variant?: EncoderVariant;
  modelDir?: string;
  providers?: readonly ExecutionProviderName[] | ProviderPlan;
  /** Each worker runs one intra-op thread whatever this says (unless `serving`); the in-process fallback uses it as given. */
  tuning?: Partial<SessionTuning>;
  batching?: Partial<BatchingOptions>;
  log?: InferenceLog;
  /** Worker threads; default INSTINCT_ENCODER_WORKERS, else one per core up to 4. 0 embeds in-process. */
  workers?: number;
  /** Starts a worker for a config (tests substitute one that misbehaves). */
  startWorker?: (config: EncoderWorkerConfig) => Worker;
  /**
   * Search queries, not a bulk job: the threads run at the serving threads' priority and keep the
   * tuning's intra-op threads (one short query gains from them; a bulk job's batches gain more
   * from one thread each).
   */
  serving?: boolean;
}

/** Each worker holds its own session (~50-100 MB): past a few, more cores buy little for a desktop job. */
const MAX_DEFAULT_WORKERS = 4;

export function defaultEncoderWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.INSTINCT_ENCODER_WORKERS);
  if (env.INSTINCT_ENCODER_WORKERS !== undefined && Number.isInteger(configured) && configured >= 0) return configured;
  return Math.min(MAX_DEFAULT_WORKERS, os.availableParallelism());
}

/** The pool's worker thread: out/main/encoder-worker.js when bundled, else the source through tsx. */
export const startEncoderWorker = (config: EncoderWorkerConfig): Worker =>
  startEngineWorker('encoder-worker', resolve(__dirname, 'encoder-worker.ts'), { workerData: config });

/** The same entry at the serving threads' priority: the thread that embeds search queries. */
export const startServingEncoderWorker = (config: EncoderWorkerConfig): Worker =>
  startEngineWorker('encoder-worker', resolve(__dirname, 'encoder-worker.ts'), { workerData: config, priority: 'serving' });

/**
 * Starts the pool. A model folder that cannot work (missing or corrupt file, no session) throws the
 * same typed error SentenceEncoder.load would; workers that cannot start for any other reason
 * (no worker support, a crash at start) leave an in-process encoder and a warning.
 */
export async function startEncoderPool(opts: EncoderPoolOptions = {}): Promise<BulkEncoder> {
  const log = opts.log ?? consoleLog;
  const count = Math.max(0, Math.floor(opts.workers ?? defaultEncoderWorkers()));
  // Even one worker is worth it: it keeps the calling thread's event loop free.
  if (count === 0) {
    log.warn('text encoder pool of 0 workers: embedding on the calling thread, which blocks its event loop for each batch');
    return inProcess(opts, log);
  }
  // Planned here, once: the setting lives on this thread, and the workers need not probe again.
  const providers = opts.providers ?? planProviders();
  const list = Array.isArray(providers) ? (providers as readonly ExecutionProviderName[]) : (providers as ProviderPlan).providers;
  const config: EncoderWorkerConfig = {
    variant: opts.variant ?? 'int8',
    providers,
    sessionName: opts.serving ? 'text-encoder-queries' : 'text-encoder-pool',
    tuning: opts.serving ? { ...opts.tuning } : { ...opts.tuning, intraOpThreads: 1 },
    ...(opts.modelDir !== undefined ? { modelDir: opts.modelDir } : {}),
    ...(opts.batching !== undefined ? { batching: opts.batching } : {}),
  };
  const pool = new EncoderPool(opts.startWorker ?? (opts.serving ? startServingEncoderWorker : startEncoderWorker), config, log);
  try {
    await pool.start(count, list.some((p) => p !== 'cpu'));
    return pool;
  } catch (err) {
    await pool.dispose();
    const loadError = err instanceof EncoderThreadStartError ? err.loadError : null;
    if (loadError && isConfigurationFault(loadError)) throw reviveError(loadError);
    const why = err instanceof Error ? err.message : String(err);
    log.warn(`${why}; embedding on the calling thread instead, which blocks its event loop for each batch`);
    return inProcess(opts, log);
  }
}

async function inProcess(opts: EncoderPoolOptions, log: InferenceLog): Promise<BulkEncoder> {
  const { workers: _workers, startWorker: _startWorker, serving, ...encoderOptions } = opts;
  const encoder = await SentenceEncoder.load({ ...encoderOptions, log, sessionName: serving ? 'text-encoder-queries' : 'text-encoder-pool' });
  return {
    modelVersion: encoder.modelVersion,
    provider: encoder.provider,
    dimensions: encoder.dimensions,
    workers: 0,
    usable: true,
    embed: (texts, signal) => encoder.embed(texts, signal),
    dispose: () => encoder.dispose(),
  };
}

class EncoderPool implements BulkEncoder {
  private readonly threads: EncoderThread[] = [];
  private readonly queue = new ChunkQueue();
  private ready: EncoderThreadReady | undefined;
  private readonly deaths: string[] = [];
  private disposed = false;

  constructor(
    private readonly startWorker: (config: EncoderWorkerConfig) => Worker,
    private config: EncoderWorkerConfig,
    readonly log: InferenceLog,
  ) {}

  /**
   * Starts `count` threads and waits for them. With a GPU provider in the list, one thread starts
   * first: if it lands on the GPU it is the pool (more would only queue on the one device).
   */
  async start(count: number, mayUseGpu: boolean): Promise<void> {
    const spawn = (): EncoderThread => {
      const thread = new EncoderThread(this.threads.length + 1, this.startWorker(this.config), this);
      this.threads.push(thread);
      return thread;
    };
    let first: EncoderThreadReady | undefined;
    if (mayUseGpu) {
      first = await spawn().ready;
      if (first.provider !== 'cpu') return this.started([first]);
      // The GPU providers failed in the first thread; the others need not try them again.
      this.config = { ...this.config, providers: ['cpu'] };
    }
    const rest = Array.from({ length: count - this.threads.length }, spawn);
    const results = await Promise.allSettled(rest.map((t) => t.ready));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    const fault = failures.find((f) => f instanceof EncoderThreadStartError && f.loadError && isConfigurationFault(f.loadError));
    const ready = [...(first ? [first] : []), ...results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
    if (fault || ready.length === 0) throw fault ?? failures[0]!;
    for (const f of failures) this.log.warn(`${f.message}; the pool goes on with ${ready.length} worker(s)`);
    this.started(ready);
  }

  private started(ready: EncoderThreadReady[]): void {
    this.ready = ready[0]!;
    const providers = new Set(ready.map((r) => r.provider));
    this.log.info(`text encoder pool: ${ready.length} worker thread(s) on ${[...providers].join(', ')}`);
  }

  get modelVersion(): string {
    return this.info().modelVersion;
  }

  get provider(): ExecutionProviderName {
    return this.info().provider;
  }

  get dimensions(): number {
    return this.info().dimensions;
  }

  get workers(): number {
    return this.threads.filter((t) => t.alive).length;
  }

  get usable(): boolean {
    return !this.disposed && this.workers > 0;
  }

  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (this.disposed) return Promise.reject(new Error('text encoder pool is disposed'));
    if (!this.usable) return Promise.reject(new Error(`text encoder pool has no live workers (${this.deaths.join('; ')})`));
    const result = this.queue.add(texts, this.chunkSize(texts.length), signal);
    this.dispatch();
    return result;
  }

  /**
   * Up to 8 batches a chunk, and at least two chunks a worker. The worker orders its chunk by token
   * length before batching; character length, all this thread knows, is a poor proxy for it
   * (batches of 16 cut by characters padded 25% more tokens on 2,000 Amazon titles; chunks of 128
   * then sorted by tokens, 4% more).
   */
  private chunkSize(texts: number): number {
    const batch = this.config.batching?.maxBatchSize ?? DEFAULT_BATCHING.maxBatchSize;
    return Math.min(8 * batch, Math.max(batch, Math.ceil(texts / (2 * Math.max(1, this.workers)))));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.queue.failAll(new Error('text encoder pool was disposed'));
    // Workers in the middle of a chunk finish it first (a few tens of ms); its vectors are dropped.
    await Promise.all(this.threads.map((t) => t.stop()));
  }

  embedded(_thread: EncoderThread, chunk: number, vectors: Float32Array[]): void {
    this.queue.complete(chunk, vectors);
    this.dispatch();
  }

  chunkFailed(thread: EncoderThread, chunk: number, error: Error): void {
    this.queue.fail(chunk, new EncoderWorkerError(thread.id, `failed: ${error.message}`, { cause: error }));
    this.dispatch();
  }

  died(thread: EncoderThread, chunk: number | null, reason: string): void {
    this.deaths.push(`worker ${thread.id} ${reason}`);
    this.log.warn(`text encoder worker ${thread.id} ${reason}; ${this.workers} worker(s) left`);
    if (chunk !== null) this.queue.fail(chunk, new EncoderWorkerError(thread.id, `${reason} while embedding`));
    if (this.workers === 0) this.queue.failAll(new Error(`text encoder pool has no live workers (${this.deaths.join('; ')})`));
    this.dispatch();
  }

  private dispatch(): void {
    if (this.disposed) return;
    for (const thread of this.threads) {
      if (!thread.idle) continue;
      const next = this.queue.next();
      if (!next) return;
      thread.send(next.id, next.texts);
    }
  }

  private info(): EncoderThreadReady {
    if (!this.ready) throw new Error('text encoder pool has not started');
    return this.ready;
  }
}
