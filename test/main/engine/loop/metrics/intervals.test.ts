import { describe, expect, it } from 'vitest';
import { meanInterval, wilson } from '../../../../../src/main/engine/loop/metrics/intervals';
import { metricsOf } from '../../../../../src/main/engine/loop/metrics/loop-metrics';
import { emptyCounts } from '../../../../../src/main/engine/loop/metrics/loop-counts';

describe('metric intervals on known counts', () => {
  it('Wilson: 5 of 100 gives the textbook interval, stays in [0, 1] at the edges, and is null with no trials', () => {
    const w = wilson(5, 100);
    expect(w.value).toBe(0.05);
    // Wilson 95% for 5/100: [0.0215, 0.1118] (e.g. Newcombe 1998, table I style computation).
    expect(w.low).toBeCloseTo(0.02154, 4);
    expect(w.high).toBeCloseTo(0.11175, 4);
    expect(wilson(0, 50)).toMatchObject({ value: 0, low: 0 });
    expect(wilson(0, 50).high).toBeGreaterThan(0.05);
    expect(wilson(50, 50)).toMatchObject({ value: 1, high: 1 });
    expect(wilson(0, 0)).toEqual({ value: null, low: null, high: null });
  });

  it('narrows as the counts grow, and covers the true rate about 95 % of the time', () => {
    expect(wilson(500, 10_000).high! - wilson(500, 10_000).low!).toBeLessThan((wilson(50, 1000).high! - wilson(50, 1000).low!) / 3);
    let state = 7;
    const random = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    let covered = 0;
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      let k = 0;
      for (let i = 0; i < 200; i++) if (random() < 0.03) k++;
      const w = wilson(k, 200);
      if (w.low! <= 0.03 && 0.03 <= w.high!) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(covered / runs).toBeLessThan(0.99);
  });

  it('mean interval from the sum and sum of squares: values 1..5 give mean 3 and the t-free normal half-width 1.96 * sd / sqrt(n)', () => {
    const values = [1, 2, 3, 4, 5];
    const e = meanInterval(15, values.reduce((s, v) => s + v * v, 0), 5, 1000);
    const half = 1.959963984540054 * Math.sqrt(2.5 / 5);
    expect(e.value).toBe(3000);
    expect(e.low).toBeCloseTo((3 - half) * 1000, 6);
    expect(e.high).toBeCloseTo((3 + half) * 1000, 6);
    expect(meanInterval(4, 16, 1)).toEqual({ value: 4, low: null, high: null });
  });

  it('metricsOf: rates over shown items or lists, revenue per 1,000 lists, order value', () => {
    const c = { ...emptyCounts(), lists: 10, items: 100, clickedItems: 8, clickedLists: 5, cartedItems: 3, purchasedLists: 2, orders: 3, revenue: 90, revenueSqLists: 50 * 50 + 40 * 40, orderValueSq: 30 * 30 * 3 };
    const m = metricsOf(c);
    expect(m.ctr.value).toBe(0.08);
    expect(m.listCtr.value).toBe(0.5);
    expect(m.addToCartRate.value).toBe(0.03);
    expect(m.conversionRate.value).toBe(0.2);
    expect(m.revenuePerMille.value).toBe(9000);
    // Three orders of the same value measure no spread: the interval is unknown, not [30, 30].
    expect(m.averageOrderValue).toEqual({ value: 30, low: null, high: null });
  });
});
