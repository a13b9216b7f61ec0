/**
 * When an import pauses for its worker to checkpoint the WAL: after a first estimate, about every
 * CHECKPOINT_TARGET_FRAMES of WAL as estimated from the rows stored, and at least every
 * CHECKPOINT_MAX_INTERVAL_MS. A schedule that only looked at the clock let the WAL reach 130-180 MiB
 * during the serve bench's import (the bench's wal_max_mb_during_import).
 */
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_MAX_INTERVAL_MS, CheckpointSchedule } from '../../../../src/main/engine/import/checkpoint-schedule';

describe('CheckpointSchedule', () => {
  it('checkpoints every ~target frames at the frames per row it has seen, and never with nothing stored', () => {
    let now = 0;
    const schedule = new CheckpointSchedule(() => now, 4000);
    expect(schedule.due()).toBe(false);
    schedule.stored(999);
    expect(schedule.due()).toBe(false);
    schedule.stored(1);
    expect(schedule.due()).toBe(true);
    // 1000 rows wrote 2000 frames: 2 per row, so the next is due after 2000 rows.
    schedule.checkpointed({ walFrames: 2000, copied: 2000 });
    schedule.stored(1999);
    expect(schedule.due()).toBe(false);
    schedule.stored(1);
    expect(schedule.due()).toBe(true);
    // That checkpoint copied everything, so the WAL started over: all 4000 frames are new (2 per row).
    // This one left 1000 frames behind (a reader was in the WAL): the WAL goes on after its 4000.
    schedule.checkpointed({ walFrames: 4000, copied: 3000 });
    schedule.stored(2000);
    // 6000 new frames for 2000 rows: 3 per row, averaged with the 2 before: 2.5, due after 1600 rows.
    schedule.checkpointed({ walFrames: 10000, copied: 10000 });
    schedule.stored(1599);
    expect(schedule.due()).toBe(false);
    schedule.stored(1);
    expect(schedule.due()).toBe(true);
  });

  it('checkpoints at least every CHECKPOINT_MAX_INTERVAL_MS while rows are stored, and tolerates a failed checkpoint', () => {
    let now = 0;
    const schedule = new CheckpointSchedule(() => now, 4000);
    schedule.stored(10);
    now = CHECKPOINT_MAX_INTERVAL_MS - 1;
    expect(schedule.due()).toBe(false);
    now = CHECKPOINT_MAX_INTERVAL_MS;
    expect(schedule.due()).toBe(true);
    schedule.checkpointed(null);
    expect(schedule.due()).toBe(false);
    now += CHECKPOINT_MAX_INTERVAL_MS;
    expect(schedule.due()).toBe(false);
    schedule.stored(1);
    expect(schedule.due()).toBe(true);
  });
});
