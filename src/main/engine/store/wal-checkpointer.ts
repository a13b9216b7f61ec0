import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { startEngineWorker } from '../workers/start-engine-worker';
import { checkpointPassive, pauseAutoCheckpoint, WAL_AUTOCHECKPOINT_PAGES } from './database';
import type { WalCheckpointReply, WalCheckpointRequest, WalCheckpointWorkerData } from './wal-checkpoint-messages';

/** How often the worker checkpoints (ms): the WAL holds about a second of commits beyond what is in the database file. */
export const CHECKPOINT_INTERVAL_MS = 1000;
/**
 * WAL frames past which the engine's thread finishes a checkpoint that the commits kept racing:
 * the bound of the engine's own auto-checkpoint before (64 MiB of 4 KiB pages).
 */
export const FINISH_FRAMES = WAL_AUTOCHECKPOINT_PAGES;
/** How long a closing worker may take for its last checkpoint before it is stopped. */
const CLOSE_TIMEOUT_MS = 5000;

/**
 * Who checkpoints the store's WAL while the engine runs: 'background' (the default: a worker thread
 * on its own connection; the engine's commits never checkpoint) or 'engine-thread' (the commit that
 * crosses WAL_AUTOCHECKPOINT_PAGES checkpoints on the engine's thread, 100-350 ms at a time). The
 * default since the search and serve benches showed that stall once per ~1,000 lists (the slowest
 * search 176-347 ms against 17-42 ms, BENCHMARKS.md); the price is an unpaced ingest stream that
 * runs about a quarter slower (docs/IMPORT.md).
 */
export type WalCheckpointMode = 'background' | 'engine-thread';

/** The mode from INSTINCT_WAL_CHECKPOINTS (default 'background'); anything else is an error naming it. */
export function walCheckpointModeFromEnv(env: NodeJS.ProcessEnv = process.env): WalCheckpointMode {
  const value = env.INSTINCT_WAL_CHECKPOINTS;
  if (value === undefined || value === '' || value === 'background') return 'background';
  if (value === 'engine-thread') return 'engine-thread';
  throw new Error(`INSTINCT_WAL_CHECKPOINTS must be 'background' or 'engine-thread', not '${value}'`);
}

export interface WalCheckpointerStats {
  /** Ticks of the worker that copied frames. */
  checkpoints: number;
  framesCopied: number;
  /** The WAL's frames at the start of a checkpoint, at most. */
  walFramesMax: number;
  /** Checkpoints the engine's thread finished (racing commits), and the longest of them (ms). */
  finishes: number;
  finishMsMax: number;
}

export interface WalCheckpointerOptions {
  db: Database;
  file: string;
  intervalMs?: number;
  finishFrames?: number;
  /** Starts the worker (default: the bundled or source entry at background priority). */
  start?: (data: WalCheckpointWorkerData) => Worker;
  /** Where a failure is said (default console). */
  log?: Pick<Console, 'warn'>;
}

export const startWalCheckpointWorker = (data: WalCheckpointWorkerData): Worker =>
  startEngineWorker('wal-checkpoint-worker', resolve(__dirname, 'wal-checkpoint-worker.ts'), { workerData: data, priority: 'background' });

/**
 * Checkpoints the store's WAL on a worker thread while the engine runs: the engine's connection
 * stops checkpointing by itself (the commit that crossed 16000 pages copied up to 64 MiB and synced
 * the database file on the engine's thread, holding every request meanwhile) for as long as the
 * worker runs. If the worker cannot start, fails or exits, the connection checkpoints by itself again
 * (the WAL never grows without bound) and a warning is logged. `close` has the worker checkpoint
 * once more and end.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private resume: (() => void) | undefined;
  /** Resolves once the worker's connection is open (true) or the checkpointer gave up (false). */
  readonly ready: Promise<boolean>;
  private settleReady: (ok: boolean) => void = () => {};
  private closing = false;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: Pick<Console, 'warn'>;
  private readonly counts: WalCheckpointerStats = { checkpoints: 0, framesCopied: 0, walFramesMax: 0, finishes: 0, finishMsMax: 0 };
  /** The last checkpoint's result at close (null: none could be taken or the worker was gone). */
  lastCheckpoint: { walFrames: number; copied: number } | null = null;

  constructor(private readonly options: WalCheckpointerOptions) {
    this.log = options.log ?? console;
    this.ready = new Promise<boolean>((done) => (this.settleReady = done));
    const data: WalCheckpointWorkerData = {
      file: options.file,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      finishFrames: options.finishFrames ?? FINISH_FRAMES,
    };
    let worker: Worker;
    try {
      worker = (options.start ?? startWalCheckpointWorker)(data);
    } catch (err) {
      this.warn(`could not start: ${message(err)}`);
      this.settleReady(false);
      return;
    }
    this.worker = worker;
    // The checkpointer never keeps a process alive by itself (the WAL is recovered at the next open).
    worker.unref();
    this.resume = pauseAutoCheckpoint(options.db);
    this.exited = new Promise<void>((done) =>
      worker.once('exit', (code) => {
        this.worker = undefined;
        if (this.running && !this.closing) this.warn(`its worker exited (code ${code})`);
        this.release();
        done();
      }),
    );
    worker.on('error', (err) => {
      if (this.running && !this.closing) this.warn(`its worker failed: ${message(err)}`);
      this.release();
    });
    worker.on('message', (reply: WalCheckpointReply) => this.onReply(reply));
  }

  /** Whether the worker checkpoints now (the engine's connection does not). */
  get running(): boolean {
    return this.resume !== undefined;
  }

  stats(): WalCheckpointerStats {
    return { ...this.counts };
  }

  /** Has the worker checkpoint once more and end (stopped after CLOSE_TIMEOUT_MS); the engine's connection checkpoints by itself again. */
  async close(): Promise<void> {
    if (this.closing) return this.exited;
    this.closing = true;
    const worker = this.worker;
    if (worker) {
      worker.postMessage({ type: 'close' } satisfies WalCheckpointRequest);
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timer);
    }
    this.release();
  }

  private onReply(reply: WalCheckpointReply): void {
    if (reply.type === 'ready') {
      this.settleReady(true);
    } else if (reply.type === 'checkpointed') {
      this.counts.checkpoints += 1;
      this.counts.framesCopied += reply.copied;
      this.counts.walFramesMax = Math.max(this.counts.walFramesMax, reply.walFrames);
    } else if (reply.type === 'finish') {
      this.counts.walFramesMax = Math.max(this.counts.walFramesMax, reply.walFrames);
      this.finish();
    } else if (reply.type === 'failed') {
      if (this.running && !this.closing) this.warn(`its worker cannot checkpoint: ${reply.message}`);
      this.release();
    } else if (reply.type === 'closed') {
      this.lastCheckpoint = reply.walFrames === null || reply.copied === null ? null : { walFrames: reply.walFrames, copied: reply.copied };
    }
  }

  /**
   * The worker copied all but what the commits wrote during its last round: the engine's thread
   * (the only writer, so no commit races it) copies that rest, and its next commit starts the WAL over.
   */
  private finish(): void {
    if (!this.running || this.closing || !this.options.db.open) return;
    const started = performance.now();
    try {
      if (checkpointPassive(this.options.db) === null) return;
    } catch (err) {
      this.warn(`the engine's thread could not finish a checkpoint: ${message(err)}`);
      return;
    }
    this.counts.finishes += 1;
    this.counts.finishMsMax = Math.max(this.counts.finishMsMax, performance.now() - started);
  }

  private release(): void {
    this.settleReady(false);
    const resume = this.resume;
    if (resume === undefined) return;
    this.resume = undefined;
    resume();
    if (!this.closing) void this.worker?.terminate();
  }

  private warn(what: string): void {
    this.log.warn(`[store] background WAL checkpointer ${what}; the engine's connection checkpoints by itself`);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
