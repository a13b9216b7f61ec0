import type { Clock } from './clock';

interface Sleeper {
  readonly wakeAt: number;
  readonly resolve: () => void;
}

/**
 * A clock whose sleeps wait until the test moves time on with `advance(ms)`, like fake timers:
 * for driving the live simulator without waiting in real time.
 */
export class FakeTimerClock implements Clock {
  private t: number;
  private sleepers: Sleeper[] = [];

  constructor(startTs = 0) {
    this.t = startTs;
  }

  now(): number {
    return this.t;
  }

  /** How many sleeps are waiting. */
  get pending(): number {
    return this.sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        wakeAt: this.t + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        },
      };
      const wake = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        sleeper.resolve();
      };
      signal?.addEventListener('abort', wake, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /**
   * Moves time forward in order of the sleepers' deadlines, waking each and letting the work it
   * starts run (a few turns of the event loop) before the next.
   */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      const next = this.sleepers.filter((s) => s.wakeAt <= target).sort((a, b) => a.wakeAt - b.wakeAt)[0];
      if (next === undefined) break;
      this.t = Math.max(this.t, next.wakeAt);
      this.sleepers = this.sleepers.filter((s) => s !== next);
      next.resolve();
      await settle();
    }
    this.t = target;
    await settle();
  }
}

/** Lets pending promise chains (and I/O callbacks already due) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
