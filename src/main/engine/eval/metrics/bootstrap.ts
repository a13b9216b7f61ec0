import { seededRandom } from '../../datasets/seeded-random';

export type Interval = [number, number];

/**
 * Percentile bootstrap 95% intervals of the mean of several per-case metrics at once. One set of
 * resampled case indices serves every metric, so the intervals are mutually consistent and the
 * cost is one random draw per case per resample.
 */
export function bootstrapMeanIntervals(perCase: Float64Array[], resamples: number, seed: number): Interval[] {
  const n = perCase[0]?.length ?? 0;
  if (n === 0) return perCase.map(() => [0, 0] as Interval);
  const random = seededRandom(seed);
  const means = perCase.map(() => new Float64Array(resamples));
  const sums = new Float64Array(perCase.length);
  for (let b = 0; b < resamples; b += 1) {
    sums.fill(0);
    for (let d = 0; d < n; d += 1) {
      const pick = Math.floor(random() * n);
      for (let m = 0; m < perCase.length; m += 1) sums[m] = (sums[m] as number) + ((perCase[m] as Float64Array)[pick] as number);
    }
    for (let m = 0; m < perCase.length; m += 1) (means[m] as Float64Array)[b] = (sums[m] as number) / n;
  }
  return means.map((m) => percentileInterval(m, 0.95));
}

/** The central `level` interval of a sample (sorted copy, nearest-rank percentiles). */
export function percentileInterval(sample: Float64Array, level: number): Interval {
  const sorted = Float64Array.from(sample).sort();
  const tail = (1 - level) / 2;
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] as number;
  return [at(tail), at(1 - tail)];
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i] as number;
  return values.length === 0 ? 0 : sum / values.length;
}
