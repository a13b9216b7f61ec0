import type { Estimate } from '../../../../shared/contract';

/** Two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

const NONE: Estimate = { value: null, low: null, high: null };

/**
 * Wilson score interval of a proportion: stays inside [0, 1] and behaves at 0 and at n
 * successes, where the normal approximation does not.
 */
export function wilson(successes: number, trials: number, z = Z95): Estimate {
  if (!(trials > 0)) return NONE;
  const p = Math.min(1, Math.max(0, successes / trials));
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0 (or all) successes the bound is exactly 0 (or 1); rounding would leave a hair above (below) it.
  return { value: p, low: successes <= 0 ? 0 : Math.max(0, centre - half), high: successes >= trials ? 1 : Math.min(1, centre + half) };
}

/**
 * Mean with a normal-approximation interval from the sum and the sum of squares of n values,
 * multiplied by `scale` (1000 for "per 1,000 lists"). With one value there is no spread to measure:
 * the interval is null.
 */
export function meanInterval(sum: number, sumOfSquares: number, n: number, scale = 1, z = Z95): Estimate {
  if (!(n > 0)) return NONE;
  const mean = sum / n;
  // Sums too large to scale or square (values stored before the price ceiling) leave nothing finite to give.
  if (!Number.isFinite(mean * scale)) return NONE;
  if (n < 2) return { value: mean * scale, low: null, high: null };
  // Sample variance; clamp the rounding error of sumSq/n - mean^2 at 0.
  const variance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  const half = z * Math.sqrt(variance / n);
  const low = (mean - half) * scale;
  const high = (mean + half) * scale;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return { value: mean * scale, low: null, high: null };
  return { value: mean * scale, low, high };
}
