import { performance } from 'node:perf_hooks';
import { LoopLoad } from './loop-load';
import { OffloadGate } from './offload-gate';
import { RequestsInProgress } from './requests-in-progress';

/**
 * Where a live list is ranked when the engine has serving workers ('busy' mode): on a worker only
 * when requests queue on the engine's thread (docs/RECOMMENDATION.md, "When a list goes to a
 * worker"). Concurrent requests (lists in flight here, or HTTP requests in progress) send it away;
 * otherwise a busy thread does (loop-load.ts), unless the gate has seen that nothing overlaps the
 * lists it sends (offload-gate.ts). Searches follow the concurrency signals only.
 */
export class OffloadChoice {
  /** Recommend and search requests started here and not answered yet (waits on other threads' work excluded). */
  private inFlight = 0;
  private readonly load = new LoopLoad();
  private readonly gate = new OffloadGate();
  /** Requests the HTTP server has in progress: more than one is a queue here, whatever the event loop's load. */
  readonly transportRequests = new RequestsInProgress();

  /** A request started; the function returned ends it. */
  start(): () => void {
    this.inFlight++;
    this.gate.onStart();
    return () => {
      this.inFlight--;
    };
  }

  /** Waits for another thread's work without counting as in flight (see RecommendService.offThread). */
  async away<T>(work: Promise<T>): Promise<T> {
    this.inFlight--;
    try {
      return await work;
    } finally {
      this.inFlight++;
    }
  }

  /** No other request is in progress here: what this one waits for on another thread is idle time of this thread. */
  alone(): boolean {
    return this.inFlight <= 1 && this.transportRequests.count <= 1;
  }

  /**
   * Whether this list goes to a worker; when the load alone sent it, `back` tells the gate when its
   * answer came (whether another list started meanwhile).
   */
  choose(kind: 'recommend' | 'search'): { offload: boolean; back?: () => void } {
    if (this.inFlight > 1 || this.transportRequests.count > 1) return { offload: true };
    if (kind !== 'recommend' || !this.load.isBusy() || !this.gate.open(performance.now())) return { offload: false };
    const sent = this.gate.sent();
    return { offload: true, back: () => sent(performance.now()) };
  }
}
