import { bootstrapMeanIntervals, mean, type Interval } from './bootstrap';
import { studentTTwoSidedP } from './student-t';

export interface PairedComparison {
  cases: number;
  meanA: number;
  meanB: number;
  /** mean(A - B) over the same cases. */
  meanDifference: number;
  /** Seeded percentile-bootstrap 95% interval of the mean difference. */
  ci: Interval;
  /** Two-sided paired t-test p-value. */
  pValue: number;
}

/**
 * Compares two models on the same cases. Pairing removes the case-to-case variance both models
 * share (hard users are hard for both), so it detects differences that two separate CIs miss.
 */
export function comparePaired(a: Float64Array, b: Float64Array, resamples = 1000, seed = 7): PairedComparison {
  if (a.length !== b.length) throw new Error(`paired comparison needs equal case counts (${a.length} vs ${b.length})`);
  const n = a.length;
  const diff = Float64Array.from(a, (v, i) => v - (b[i] as number));
  const d = mean(diff);
  let ss = 0;
  for (const v of diff) ss += (v - d) * (v - d);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  // Identical per-case values mean no evidence of a difference, not an infinite t.
  const pValue = n < 2 ? 1 : sd === 0 ? (d === 0 ? 1 : 0) : studentTTwoSidedP(d / (sd / Math.sqrt(n)), n - 1);
  const [ci] = bootstrapMeanIntervals([diff], resamples, seed);
  return { cases: n, meanA: mean(a), meanB: mean(b), meanDifference: d, ci: ci ?? [0, 0], pValue };
}
