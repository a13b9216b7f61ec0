/** What the background WAL checkpointer's worker is told when it starts (wal-checkpoint-worker.ts). */
export interface WalCheckpointWorkerData {
  /** The store file (its WAL is `<file>-wal`). */
  file: string;
  /** A PASSIVE checkpoint this often (ms); one with nothing new to copy costs next to nothing. */
  intervalMs: number;
  /** WAL frames past which the worker asks the engine's thread to finish a checkpoint that racing commits kept from completing. */
  finishFrames: number;
}

/** Worker -> engine. */
export type WalCheckpointReply =
  /** The worker's connection is open: it checkpoints from now on. */
  | { type: 'ready' }
  /** One tick's checkpoint(s): the WAL's frames when the last one started, frames they copied, the rounds and their time. */
  | { type: 'checkpointed'; walFrames: number; copied: number; rounds: number; ms: number }
  /**
   * The WAL is past finishFrames and a commit landed during every round (the WAL starts over only
   * after a checkpoint that no commit raced): the engine's thread, the only writer, checkpoints the
   * few frames left so that its next commit starts the WAL over.
   */
  | { type: 'finish'; walFrames: number }
  /** The worker cannot checkpoint (its connection failed): it ends after this. */
  | { type: 'failed'; message: string }
  /** After `close`: the last checkpoint's result (null: none could be taken). */
  | { type: 'closed'; walFrames: number | null; copied: number | null };

/** Engine -> worker: a last checkpoint, then end. */
export type WalCheckpointRequest = { type: 'close' };
