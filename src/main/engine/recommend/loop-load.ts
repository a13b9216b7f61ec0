import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How often the engine's thread's utilisation is read (ms). */
const WINDOW_MS = 100;
/**
 * The thread turns busy when it ran more than `enter` of the last window, and stays busy until a
 * window below `leave`. Saturated (callers queueing) it runs ~all of a window; once lists go to a
 * worker it runs less (~0.6-0.8 of a window), which must not flip it back. A burst of other work (a
 * long search, an ingest batch) fills half a window now and then without a queue behind it: a list
 * that arrives after one is ranked here, not sent on a hop to a worker.
 */
export const BUSY_SHARES = { enter: 0.9, leave: 0.5 } as const;
/** A read this many windows after the previous one starts afresh (not busy). */
const STALE_WINDOWS = 4;

/**
 * Whether the engine's thread has been busy lately: its event-loop utilisation over the last
 * window (Node's eventLoopUtilization, cheap to read), refreshed at most every WINDOW_MS. Each list
 * is ranked in one turn of the event loop, so a count of lists in flight stays at one however many
 * callers queue; over HTTP the server counts its requests (requests-in-progress.ts), and for other
 * callers (the simulator's thread, IPC) the utilisation sees the load. A busy thread with no queue
 * (one caller asking back to back) is the offload gate's to tell apart (offload-gate.ts).
 */
export class LoopLoad {
  private mark: EventLoopUtilization = performance.eventLoopUtilization();
  private readAt = performance.now();
  private busy = false;

  constructor(private readonly shares: { enter: number; leave: number } = BUSY_SHARES, private readonly windowMs = WINDOW_MS) {}

  isBusy(now = performance.now()): boolean {
    if (now - this.readAt >= STALE_WINDOWS * this.windowMs) {
      // No request for a while: the utilisation since the last read says nothing about the last
      // window, and a request after a quiet spell is a lone one.
      this.mark = performance.eventLoopUtilization();
      this.readAt = now;
      this.busy = false;
    } else if (now - this.readAt >= this.windowMs) {
      const current = performance.eventLoopUtilization();
      const share = performance.eventLoopUtilization(current, this.mark).utilization;
      this.busy = share > (this.busy ? this.shares.leave : this.shares.enter);
      this.mark = current;
      this.readAt = now;
    }
    return this.busy;
  }
}
