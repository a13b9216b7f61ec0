/** Arrivals counted per wall-clock second, oldest first. */
export interface RateBucket {
  second: number;
  count: number;
}

export const RATE_WINDOW_SECONDS = 60;

/**
 * Counts events by the second they reached this console, not by their own timestamps: an import of last
 * month's events is still a burst of ingest now, which is what the chart is meant to show.
 */
export function recordArrivals(buckets: readonly RateBucket[], count: number, nowMs: number, windowSeconds = RATE_WINDOW_SECONDS): RateBucket[] {
  const second = Math.floor(nowMs / 1000);
  const oldest = second - windowSeconds + 1;
  const kept = buckets.filter((b) => b.second >= oldest);
  if (count <= 0) return kept;
  const last = kept[kept.length - 1];
  if (last && last.second === second) return [...kept.slice(0, -1), { second, count: last.count + count }];
  return [...kept, { second, count }];
}

export interface RatePoint {
  /** Seconds before now, negative: -59 … 0. */
  offset: number;
  eventsPerSecond: number;
}

/** A gap-free series of the last `windowSeconds` seconds, zeros where nothing arrived, for the chart. */
export function rateSeries(buckets: readonly RateBucket[], nowMs: number, windowSeconds = RATE_WINDOW_SECONDS): RatePoint[] {
  const now = Math.floor(nowMs / 1000);
  const counts = new Map(buckets.map((b) => [b.second, b.count]));
  const points: RatePoint[] = [];
  for (let offset = -windowSeconds + 1; offset <= 0; offset += 1) {
    points.push({ offset, eventsPerSecond: counts.get(now + offset) ?? 0 });
  }
  return points;
}

/** The last complete second's rate; the current second is still filling and would read low. */
export function currentRate(buckets: readonly RateBucket[], nowMs: number): number {
  const previous = Math.floor(nowMs / 1000) - 1;
  return buckets.find((b) => b.second === previous)?.count ?? 0;
}
