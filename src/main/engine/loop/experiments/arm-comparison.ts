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

/** One period of fixed shares: the control's and the arm's counts in it, and its weight (lists of every arm in it). */
export interface PeriodPair {
  control: Readonly<LoopCounts>;
  arm: Readonly<LoopCounts>;
  weight: number;
}

/**
 * Arm minus control on one metric, with its always-valid interval: 'better' when the interval lies
 * above 0, 'worse' when below, else 'inconclusive'. Every metric here is better when higher.
 *
 * With `periods` (a bandit whose shares moved, see allocation-periods) the difference is taken
 * within each period and the periods combined, d = Σ w_p (arm_p − control_p) with w_p the period's
 * share of the lists, V = Σ w_p² (V_arm,p + V_control,p): the weights do not depend on how the
 * bandit split a period between the arms, so a drift of the base rate over time cancels out. A
 * period where either arm has nothing to measure is left out and the others reweighted. Without
 * periods, or with one, it is the plain difference of the pooled counts.
 */
export function compareMetric(
  control: Readonly<LoopCounts>,
  arm: Readonly<LoopCounts>,
  metric: MetricName,
  settings: ComparisonSettings,
  periods?: readonly PeriodPair[],
): Comparison {
  const pairs = periods && periods.length > 1 ? periods : [{ control, arm, weight: 1 }];
  const samples = pairs.flatMap((p) => {
    const c = metricSample(p.control, metric);
    const a = metricSample(p.arm, metric);
    return c && a && p.weight > 0 ? [{ c, a, weight: p.weight }] : [];
  });
  if (samples.length === 0) return { metric, difference: null, low: null, high: null, verdict: 'inconclusive' };
  const planned = settings.plannedLists ?? DEFAULT_PLANNED_LISTS;
  const total = samples.reduce((s, p) => s + p.weight, 0);
  let difference = 0;
  let variance = 0;
  let plannedVariance = 0;
  for (const { c, a, weight } of samples) {
    const w = weight / total;
    difference += w * (a.mean - c.mean);
    variance += w * w * (a.variance / a.units + c.variance / c.units);
    // The same per-unit variances at the planned number of lists per arm, spread over the periods
    // as the arm's lists are now (units per list as observed).
    plannedVariance += w * w * ((a.variance * arm.lists) / (a.units * planned) + (c.variance * control.lists) / (c.units * planned));
  }
  const interval = alwaysValidInterval(difference, variance, plannedVariance, perComparisonAlpha(settings.alpha, settings.arms));
  if (!interval) return { metric, difference, low: null, high: null, verdict: 'inconclusive' };
  // A difference of two rates lies in [-1, 1]: an interval reaching past that (few lists) says no more when cut there.
  const bounded = RATES.has(metric) ? { low: Math.max(-1, interval.low), high: Math.min(1, interval.high) } : interval;
  const verdict = bounded.low > 0 ? 'better' : bounded.high < 0 ? 'worse' : 'inconclusive';
  return { metric, difference, low: bounded.low, high: bounded.high, verdict };
}

/** Arm minus control on every metric (within periods when given, see compareMetric). */
export function compareArm(control: Readonly<LoopCounts>, arm: Readonly<LoopCounts>, settings: ComparisonSettings, periods?: readonly PeriodPair[]): Comparison[] {
  return METRIC_NAMES.map((m) => compareMetric(control, arm, m, settings, periods));
}

/** The periods of arm `i` against control (arm 0), weighted by the lists of every arm in each; undefined with fewer than two. */
export function periodPairs(periods: readonly (readonly Readonly<LoopCounts>[])[] | undefined, i: number): PeriodPair[] | undefined {
  if (!periods || periods.length < 2) return undefined;
  return periods.flatMap((p) => {
    const control = p[0];
    const arm = p[i];
    return control && arm ? [{ control, arm, weight: p.reduce((s, c) => s + c.lists, 0) }] : [];
  });
}
