/**
 * Always-valid (anytime-valid) confidence intervals for a difference of two means, from the
 * normal-mixture sequential probability ratio test (mSPRT; Robbins 1970, Johari, Pekelis & Walsh
 * 2017 "Always valid inference", Howard, Ramdas, McAuliffe & Sekhon 2021 "Time-uniform,
 * nonparametric, nonasymptotic confidence sequences").
 *
 * For an estimate d of the true difference θ whose variance is V, the likelihood ratio of
 * "θ drawn from N(θ0, τ²)" against "θ = θ0" is
 *
 *     Λ = sqrt(V / (V + τ²)) · exp( τ² (d − θ0)² / (2 V (V + τ²)) ),
 *
 * a martingale under θ0. By Ville's inequality the chance that Λ ever reaches 1/α, at any of
 * however many looks, is at most α. The values θ0 it has not rejected form the interval
 *
 *     d ± sqrt( V (1 + V/τ²) · (2 log(1/α) + log(1 + τ²/V)) ),
 *
 * valid simultaneously at every look: an operator may open the results every day, or every
 * second, and stop the moment the interval excludes 0, and still be wrong at most α of the time.
 * The price is width: at the planned size it is about 1.5 times the fixed-horizon interval.
 *
 * The mixing variance τ² is a tuning choice, fixed before any data: any value keeps the guarantee,
 * it only decides at what sample size the interval is tightest. Following Howard et al. (§3.5),
 * τ² = c(α) · V_plan with c(α) = 2 log(1/α) + log(1 + 2 log(1/α)), where V_plan is the variance
 * the estimate will have at the planned size (DEFAULT_PLANNED_LISTS lists per arm, by default):
 * the interval is then tightest when each arm has served that many lists. V and V_plan use the
 * observed per-unit variances (plug-in), which makes the guarantee asymptotic, as in every
 * sequential test deployed on proportions and revenue (Waudby-Smith et al. 2021).
 */

/** The arm size at which the intervals are tightest, in lists per arm. */
export const DEFAULT_PLANNED_LISTS = 10_000;

export interface Interval {
  low: number;
  high: number;
}

/** c(α) = 2 log(1/α) + log(1 + 2 log(1/α)): the mixing variance in units of the planned variance. */
export function mixingFactor(alpha: number): number {
  const l = 2 * Math.log(1 / alpha);
  return l + Math.log(1 + l);
}

/** Half-width of the always-valid (1 − α) interval of an estimate with variance V, under mixing variance τ². */
export function alwaysValidHalfWidth(variance: number, mixingVariance: number, alpha: number): number {
  if (!(variance > 0) || !(mixingVariance > 0)) return Number.NaN;
  const ratio = mixingVariance / variance;
  return Math.sqrt(variance * (1 + 1 / ratio) * (2 * Math.log(1 / alpha) + Math.log(1 + ratio)));
}

/**
 * The always-valid (1 − α) interval of a difference `estimate` whose variance is `variance` now and
 * will be `plannedVariance` at the planned size; undefined when there is no spread to measure yet.
 */
export function alwaysValidInterval(estimate: number, variance: number, plannedVariance: number, alpha: number): Interval | undefined {
  const half = alwaysValidHalfWidth(variance, mixingFactor(alpha) * plannedVariance, alpha);
  if (!Number.isFinite(half)) return undefined;
  return { low: estimate - half, high: estimate + half };
}
