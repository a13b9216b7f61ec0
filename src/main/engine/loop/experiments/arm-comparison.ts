import { METRIC_NAMES, type Comparison, type LoopCounts, type MetricName } from '../../../../shared/contract';
import { alwaysValidInterval, DEFAULT_PLANNED_LISTS } from './always-valid-interval';
import { metricSample } from './metric-samples';

export interface ComparisonSettings {
  /** Error rate of the experiment as a whole; split evenly over the arms compared with control (Bonferroni). */
  alpha: number;
  /** Number of arms, control included. */
  arms: number;
  /** Lists per arm at which the intervals are tightest (the mixing parameter, see always-valid-interval). */
  plannedLists?: number;
}

const RATES: ReadonlySet<MetricName> = new Set(['ctr', 'listCtr', 'addToCartRate', 'conversionRate']);

/** Bonferroni: each of the (arms − 1) comparisons with control gets α / (arms − 1). */
export function perComparisonAlpha(alpha: number, arms: number): number {
  return alpha / Math.max(1, arms - 1);
}

/**
 * Arm minus control on one metric, with its always-valid interval: 'better' when the interval lies
 * above 0, 'worse' when below, else 'inconclusive'. Every metric here is better when higher.
 */
export function compareMetric(control: Readonly<LoopCounts>, arm: Readonly<LoopCounts>, metric: MetricName, settings: ComparisonSettings): Comparison {
  const c = metricSample(control, metric);
  const a = metricSample(arm, metric);
  if (!c || !a) return { metric, difference: null, low: null, high: null, verdict: 'inconclusive' };
  const difference = a.mean - c.mean;
  const planned = settings.plannedLists ?? DEFAULT_PLANNED_LISTS;
  const variance = a.variance / a.units + c.variance / c.units;
  // The same per-unit variances at the planned number of lists (units per list as observed).
  const plannedVariance = (a.variance * a.lists) / (a.units * planned) + (c.variance * c.lists) / (c.units * planned);
  const interval = alwaysValidInterval(difference, variance, plannedVariance, perComparisonAlpha(settings.alpha, settings.arms));
  if (!interval) return { metric, difference, low: null, high: null, verdict: 'inconclusive' };
  // A difference of two rates lies in [-1, 1]: an interval reaching past that (few lists) says no more when cut there.
  const bounded = RATES.has(metric) ? { low: Math.max(-1, interval.low), high: Math.min(1, interval.high) } : interval;
  const verdict = bounded.low > 0 ? 'better' : bounded.high < 0 ? 'worse' : 'inconclusive';
  return { metric, difference, low: bounded.low, high: bounded.high, verdict };
}

/** Arm minus control on every metric. */
export function compareArm(control: Readonly<LoopCounts>, arm: Readonly<LoopCounts>, settings: ComparisonSettings): Comparison[] {
  return METRIC_NAMES.map((m) => compareMetric(control, arm, m, settings));
}
