import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How often the engine's thread's utilisation is read (ms). */
const WINDOW_MS = 100;
/** Above this share of the last window spent running (not waiting), the thread counts as busy. */
const BUSY_SHARE = 0.5;
/** A read this many windows after the previous one starts afresh (not busy). */
const STALE_WINDOWS = 4;

/**
 * Whether the engine's thread has been busy lately: its event-loop utilisation over the last
 * window (Node's eventLoopUtilization, cheap to read), refreshed at most every WINDOW_MS. Requests
 * over HTTP arrive one macrotask at a time, so a count of requests in flight stays at one even when
 * eight clients keep the thread saturated; the utilisation sees that load.
 */
export class LoopLoad {
  private mark: EventLoopUtilization = performance.eventLoopUtilization();
  private readAt = performance.now();
  private busy = false;

  constructor(private readonly threshold = BUSY_SHARE, private readonly windowMs = WINDOW_MS) {}

  isBusy(now = performance.now()): boolean {
    if (now - this.readAt >= STALE_WINDOWS * this.windowMs) {
      // No request for a while: the utilisation since the last read says nothing about the last
      // window, and a request after a quiet spell is a lone one.
      this.mark = performance.eventLoopUtilization();
      this.readAt = now;
      this.busy = false;
    } else if (now - this.readAt >= this.windowMs) {
      const current = performance.eventLoopUtilization();
      this.busy = performance.eventLoopUtilization(current, this.mark).utilization > this.threshold;
      this.mark = current;
      this.readAt = now;
    }
    return this.busy;
  }
}
