/**
 * Worker-thread entry of the background WAL checkpointer (wal-checkpointer.ts starts one per open
 * store, at background priority): checkpoints the store's WAL from its own connection every
 * `intervalMs` (PASSIVE: it never waits for the engine's commits nor blocks them), so the copy of
 * the WAL into the database file and its fsyncs stay off the engine's thread. `close` checkpoints
 * once more and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { checkpointPassive, openCheckpointConnection } from './database';
import type { WalCheckpointReply, WalCheckpointRequest, WalCheckpointWorkerData } from './wal-checkpoint-messages';

/** Back-to-back rounds at most per tick, while the WAL is past finishFrames: each copies what the commits wrote during the one before. */
const DRAIN_ROUNDS = 2;
/** A round this short (ms) leaves little for the engine's thread to copy: the drain stops there, and the engine may finish. */
const DRAIN_ROUND_MS = 10;
/**
 * Past this many times finishFrames the engine finishes even after a long last round (more for it
 * to copy): the WAL stays bounded however fast the commits come.
 */
const HARD_BOUND_FACTOR = 2;

/** The WAL's frames and how many were in the database file after the last round: what a round adds to them is what it copied. */
let previous = { walFrames: 0, copied: 0 };

function post(reply: WalCheckpointReply): void {
  parentPort?.postMessage(reply);
}

/** Checkpoints once, then (while the WAL is past finishFrames) again until a round is short; asks the engine to finish if it is still long. */
function tick(db: Database, data: WalCheckpointWorkerData): void {
  const started = performance.now();
  let rounds = 0;
  let last: { walFrames: number; copied: number } | null = null;
  let copied = 0;
  let short = false;
  for (;;) {
    const roundStarted = performance.now();
    const result = checkpointPassive(db);
    rounds += 1;
    // Another connection (an import's worker) is checkpointing: this tick has nothing to add.
    if (result === null) break;
    last = result;
    // A WAL smaller than at the last round started over in between: all its copied frames are new.
    copied += result.walFrames >= previous.walFrames ? Math.max(0, result.copied - previous.copied) : result.copied;
    previous = result;
    short = performance.now() - roundStarted <= DRAIN_ROUND_MS;
    if (result.walFrames <= data.finishFrames || rounds >= DRAIN_ROUNDS || short) break;
  }
  if (last === null) return;
  if (copied > 0) post({ type: 'checkpointed', walFrames: last.walFrames, copied, rounds, ms: performance.now() - started });
  // The WAL is past the bound and has not started over: commits raced every round. The engine's
  // thread copies the rest (a short round's worth, unless the WAL is past the hard bound).
  if (last.walFrames > data.finishFrames && (short || last.walFrames > HARD_BOUND_FACTOR * data.finishFrames)) post({ type: 'finish', walFrames: last.walFrames });
}

function serve(port: NonNullable<typeof parentPort>, data: WalCheckpointWorkerData): void {
  let db: Database;
  try {
    db = openCheckpointConnection(data.file);
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    port.close();
    return;
  }
  post({ type: 'ready' });
  const fail = (err: unknown): void => {
    clearTimeout(timer);
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    try {
      db.close();
    } catch {
      // closing is best effort on a failed connection
    }
    port.close();
  };
  const run = (): void => {
    try {
      tick(db, data);
      timer = setTimeout(run, data.intervalMs);
    } catch (err) {
      fail(err);
    }
  };
  let timer = setTimeout(run, data.intervalMs);
  port.on('message', (request: WalCheckpointRequest) => {
    if (request.type !== 'close') return;
    clearTimeout(timer);
    let result: { walFrames: number; copied: number } | null = null;
    try {
      result = checkpointPassive(db);
      db.close();
    } catch {
      // The engine's own connection checkpoints again once this one is gone.
    }
    post({ type: 'closed', walFrames: result?.walFrames ?? null, copied: result?.copied ?? null });
    port.close();
  });
}

if (parentPort) serve(parentPort, workerData as WalCheckpointWorkerData);
