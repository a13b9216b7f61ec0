/**
 * Long work on the engine's thread, cut into time slices: call `pause()` often (it is cheap); it
 * yields to the event loop (setImmediate: timers, I/O and requests run) once `sliceMs` have passed
 * since the last yield, and throws the signal's reason once it is aborted.
 */
export interface TimeSlices {
  pause(): Promise<void>;
  /** How many times it yielded (tests and logs). */
  readonly yields: number;
}

/**
 * The default slice: a request that arrives during the work waits at most about this long. Above
 * the recommend p99 target (5 ms), so a load is noticed by the lists during it; it is rare (a
 * promote, a start-up) and shorter slices would stretch it further.
 */
export const DEFAULT_SLICE_MS = 8;

export function timeSlices(sliceMs = DEFAULT_SLICE_MS, signal?: AbortSignal): TimeSlices {
  if (!(sliceMs > 0)) throw new RangeError(`timeSlices: sliceMs must be above 0, got ${sliceMs}`);
  let started = performance.now();
  let yields = 0;
  return {
    async pause() {
      signal?.throwIfAborted();
      if (performance.now() - started < sliceMs) return;
      yields += 1;
      await nextTurn();
      signal?.throwIfAborted();
      started = performance.now();
    },
    get yields() {
      return yields;
    },
  };
}

/** Resolves in a later turn of the event loop (setImmediate: timers, I/O and requests run first). */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
