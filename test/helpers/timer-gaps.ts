/**
 * Watches the event loop with a short interval timer: how often it ran and the longest it went
 * without running (a stall of the thread), from `watch` to `stop`.
 */
export interface TimerGaps {
  stop(): { ticks: number; longest: number };
}

export function watchTimerGaps(everyMs = 1): TimerGaps {
  const started = performance.now();
  let last = started;
  let longest = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks += 1;
  }, everyMs);
  let result: { ticks: number; longest: number } | undefined;
  return {
    /** Stops watching (the first call; later calls return the same figures). */
    stop() {
      if (result === undefined) {
        clearInterval(timer);
        // No tick at all: the whole watch was one gap.
        result = { ticks, longest: ticks === 0 ? performance.now() - started : Math.max(longest, performance.now() - last) };
      }
      return result;
    },
  };
}
