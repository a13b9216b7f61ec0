import { describe, expect, it } from 'vitest';
import type { LoopCounts } from '../../../../../src/shared/contract';
import { seededRandom } from '../../../../../src/main/engine/datasets/seeded-random';
import { emptyCounts } from '../../../../../src/main/engine/loop/metrics/loop-counts';
import { alwaysValidHalfWidth, alwaysValidInterval, mixingFactor } from '../../../../../src/main/engine/loop/experiments/always-valid-interval';
import { compareArm, compareMetric, perComparisonAlpha } from '../../../../../src/main/engine/loop/experiments/arm-comparison';

/** Binomial(n, p) by inversion: about n·p steps, fine for the small rates here. */
function binomial(n: number, p: number, random: () => number): number {
  const q = 1 - p;
  let pr = Math.pow(q, n);
  let cdf = pr;
  const u = random();
  let k = 0;
  while (u > cdf && k < n) {
    pr *= ((p / q) * (n - k)) / (k + 1);
    k++;
    cdf += pr;
  }
  return k;
}

function lists(n: number, purchased: number): LoopCounts {
  return { ...emptyCounts(), lists: n, items: n * 10, purchasedLists: purchased };
}

/** The fixed-horizon 95 % z-interval, which is only valid at one pre-planned look. */
function zExcludesZero(a: LoopCounts, b: LoopCounts): boolean {
  const pa = a.purchasedLists / a.lists;
  const pb = b.purchasedLists / b.lists;
  const se = Math.sqrt((pa * (1 - pa)) / a.lists + (pb * (1 - pb)) / b.lists);
  return Math.abs(pb - pa) > 1.959963984540054 * se;
}

describe('always-valid interval (normal-mixture SPRT)', () => {
  it('is the set of differences the mixture likelihood ratio has not rejected at 1/alpha', () => {
    const V = 2e-5;
    const tau2 = 7e-5;
    const alpha = 0.05;
    const half = alwaysValidHalfWidth(V, tau2, alpha);
    const lambda = (d: number): number => Math.sqrt(V / (V + tau2)) * Math.exp((tau2 * d * d) / (2 * V * (V + tau2)));
    expect(lambda(half)).toBeCloseTo(1 / alpha, 6);
    expect(lambda(half * 0.99)).toBeLessThan(1 / alpha);
    expect(lambda(half * 1.01)).toBeGreaterThan(1 / alpha);
  });

  it('is tightest near the planned size, where it is about 1.5 times the fixed-horizon width', () => {
    const alpha = 0.05;
    const perList = 0.05 * 0.95 * 2;
    const planned = perList / 10_000;
    const ratio = (n: number): number => (alwaysValidInterval(0, perList / n, planned, alpha)?.high ?? 0) / (1.959963984540054 * Math.sqrt(perList / n));
    expect(mixingFactor(0.05)).toBeCloseTo(2 * Math.log(20) + Math.log(1 + 2 * Math.log(20)), 12);
    expect(ratio(10_000)).toBeGreaterThan(1.4);
    expect(ratio(10_000)).toBeLessThan(1.6);
    // Costs more far from the plan, on either side.
    expect(ratio(100)).toBeGreaterThan(ratio(10_000));
    expect(ratio(1_000_000)).toBeGreaterThan(ratio(10_000));
    expect(alwaysValidInterval(0, 0, planned, alpha)).toBeUndefined();
  });

  it('under daily looks at A/A data excludes 0 in at most about alpha of experiments, where a daily fixed-horizon z-interval fails several times as often', () => {
    const random = seededRandom(2024);
    const experiments = 400;
    const days = 30;
    const perDay = 1000;
    let alwaysValidFalse = 0;
    let fixedFalse = 0;
    for (let e = 0; e < experiments; e++) {
      let a = lists(0, 0);
      let b = lists(0, 0);
      let avHit = false;
      let zHit = false;
      for (let day = 0; day < days; day++) {
        a = lists(a.lists + perDay, a.purchasedLists + binomial(perDay, 0.05, random));
        b = lists(b.lists + perDay, b.purchasedLists + binomial(perDay, 0.05, random));
        if (compareMetric(a, b, 'conversionRate', { alpha: 0.05, arms: 2 }).verdict !== 'inconclusive') avHit = true;
        if (zExcludesZero(a, b)) zHit = true;
      }
      if (avHit) alwaysValidFalse++;
      if (zHit) fixedFalse++;
    }
    const av = alwaysValidFalse / experiments;
    const fixed = fixedFalse / experiments;
    // alpha plus about two Monte-Carlo standard errors (400 experiments).
    expect(av).toBeLessThanOrEqual(0.07);
    // Peeking at a fixed-horizon interval 30 times inflates its 5 % error rate to 20-30 %.
    expect(fixed).toBeGreaterThan(0.15);
    expect(fixed).toBeGreaterThan(3 * Math.max(av, 0.01));
  });

  it('finds a real difference (conversion 5 % vs 6 %) and says which way', () => {
    const control = lists(40_000, 2_000);
    const better = lists(40_000, 2_400);
    const up = compareMetric(control, better, 'conversionRate', { alpha: 0.05, arms: 2 });
    expect(up).toMatchObject({ metric: 'conversionRate', verdict: 'better' });
    expect(up.difference).toBeCloseTo(0.01, 10);
    expect(up.low).toBeGreaterThan(0);
    expect(up.high).toBeGreaterThan(0.01);
    expect(compareMetric(better, control, 'conversionRate', { alpha: 0.05, arms: 2 }).verdict).toBe('worse');
    // A smaller sample of the same rates cannot tell yet.
    expect(compareMetric(lists(2_000, 100), lists(2_000, 120), 'conversionRate', { alpha: 0.05, arms: 2 }).verdict).toBe('inconclusive');
  });

  it('widens with Bonferroni across arms: alpha / (arms - 1) per comparison', () => {
    expect(perComparisonAlpha(0.05, 2)).toBe(0.05);
    expect(perComparisonAlpha(0.05, 5)).toBeCloseTo(0.0125, 12);
    const a = lists(20_000, 1_000);
    const b = lists(20_000, 1_150);
    const two = compareMetric(a, b, 'conversionRate', { alpha: 0.05, arms: 2 });
    const five = compareMetric(a, b, 'conversionRate', { alpha: 0.05, arms: 5 });
    expect((five.high ?? 0) - (five.low ?? 0)).toBeGreaterThan((two.high ?? 0) - (two.low ?? 0));
  });

  it('compares every metric, means from the sums of squares, and stays inconclusive with nothing to measure', () => {
    const control: LoopCounts = { ...lists(5_000, 250), clickedItems: 2_500, clickedLists: 1_000, cartedItems: 400, orders: 250, revenue: 10_000, revenueSqLists: 500_000, orderValueSq: 500_000 };
    const arm: LoopCounts = { ...lists(5_000, 250), clickedItems: 3_500, clickedLists: 1_300, cartedItems: 400, orders: 250, revenue: 10_000, revenueSqLists: 500_000, orderValueSq: 500_000 };
    const byMetric = Object.fromEntries(compareArm(control, arm, { alpha: 0.05, arms: 2 }).map((c) => [c.metric, c]));
    expect(Object.keys(byMetric).sort()).toEqual(['addToCartRate', 'averageOrderValue', 'conversionRate', 'ctr', 'listCtr', 'revenuePerMille'].sort());
    expect(byMetric.ctr).toMatchObject({ verdict: 'better', difference: expect.closeTo(0.02, 10) });
    expect(byMetric.listCtr?.verdict).toBe('better');
    expect(byMetric.revenuePerMille).toMatchObject({ difference: 0, verdict: 'inconclusive' });
    expect(byMetric.averageOrderValue).toMatchObject({ difference: 0, verdict: 'inconclusive' });
    expect(compareMetric(emptyCounts(), arm, 'ctr', { alpha: 0.05, arms: 2 })).toEqual({ metric: 'ctr', difference: null, low: null, high: null, verdict: 'inconclusive' });
  });
});
