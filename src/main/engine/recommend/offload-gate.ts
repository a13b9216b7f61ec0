/** Lists sent to a worker, none of them overlapped by another list, after which lists stay here. */
const ALONE_LIMIT = 4;
/** How long lists then stay on the engine's thread before the gate tries a worker again (ms). */
const HOLD_MS = 5_000;

/**
 * Whether a list that the engine's thread's load (LoopLoad) would send to a serving worker goes
 * there. A list on a worker frees this thread for the requests queued behind it; when no other
 * list starts while it is away (one client asking in turn, however fast), nothing was queued and
 * the hop to the worker and back only added its latency. After ALONE_LIMIT such lists in a row the
 * gate keeps lists here for HOLD_MS, then tries again; one list that another overlapped (many
 * clients at once) resets the count.
 */
export class OffloadGate {
  /** Lists started here so far (recommend and search), to tell whether one started meanwhile. */
  private started = 0;
  private aloneInRow = 0;
  private holdUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly aloneLimit = ALONE_LIMIT, private readonly holdMs = HOLD_MS) {}

  /** A list started (on any path). */
  onStart(): void {
    this.started++;
  }

  /** Whether a list the load says to send away may go to a worker now. */
  open(now: number): boolean {
    return now >= this.holdUntil;
  }

  /** A list is going to a worker; the function returned is called when its answer is back. */
  sent(): (now: number) => void {
    const mark = this.started;
    return (now) => {
      if (this.started !== mark) {
        this.aloneInRow = 0;
        return;
      }
      if (++this.aloneInRow >= this.aloneLimit) {
        this.aloneInRow = 0;
        this.holdUntil = now + this.holdMs;
      }
    };
  }
}
