import type { CheckpointResult } from './import-messages';

/** About 16 MiB of 4 KiB pages: the WAL an import writes between two of its checkpoints. */
export const CHECKPOINT_TARGET_FRAMES = 4000;
/** A checkpoint at least this often, whatever the estimate says. */
export const CHECKPOINT_MAX_INTERVAL_MS = 2000;
/** The first checkpoint, which gives the first estimate of frames per row, comes after this many rows. */
const FIRST_CHECKPOINT_ROWS = 1000;

/**
 * When an import pauses its writes for its worker to checkpoint the WAL: once the frames written
 * since the last checkpoint reach about CHECKPOINT_TARGET_FRAMES. Frames are not visible between
 * checkpoints, so they are estimated from the rows stored, at the frames per row the checkpoints
 * so far have seen (random keys in several indexes make that a few pages per row on a big store).
 */
export class CheckpointSchedule {
  private rowsSince = 0;
  private since: number;
  private framesPerRow: number | undefined;
  /** Frames in the WAL after the last checkpoint, and whether it copied them all (the WAL then starts over at the next commit). */
  private lastFrames = 0;
  private lastComplete = true;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly targetFrames = CHECKPOINT_TARGET_FRAMES,
  ) {
    this.since = now();
  }

  stored(rows: number): void {
    this.rowsSince += rows;
  }

  due(): boolean {
    if (this.rowsSince === 0) return false;
    if (this.now() - this.since >= CHECKPOINT_MAX_INTERVAL_MS) return true;
    if (this.framesPerRow === undefined) return this.rowsSince >= FIRST_CHECKPOINT_ROWS;
    return this.rowsSince * this.framesPerRow >= this.targetFrames;
  }

  checkpointed(result: CheckpointResult): void {
    if (result !== null && this.rowsSince > 0) {
      const written = this.lastComplete || result.walFrames < this.lastFrames ? result.walFrames : result.walFrames - this.lastFrames;
      const perRow = written / this.rowsSince;
      this.framesPerRow = this.framesPerRow === undefined ? perRow : 0.5 * this.framesPerRow + 0.5 * perRow;
    }
    if (result !== null) {
      this.lastFrames = result.walFrames;
      this.lastComplete = result.copied >= result.walFrames;
    }
    this.rowsSince = 0;
    this.since = this.now();
  }
}
