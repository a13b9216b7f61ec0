import type { Clock } from './clock';

/**
 * Simulated time that jumps: `sleep(ms)` moves the clock forward by `ms` and resolves at once.
 * For batch runs and deterministic tests: the same seed gives the same timestamps.
 */
export class ManualClock implements Clock {
  private t: number;

  constructor(startTs: number) {
    this.t = Math.round(startTs);
  }

  now(): number {
    return this.t;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.t += Math.max(0, Math.round(ms));
  }
}
