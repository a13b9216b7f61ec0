import { describe, expect, it } from 'vitest';
import { meanInterval, wilson } from '../../../../../src/main/engine/loop/metrics/intervals';
import { metricsOf } from '../../../../../src/main/engine/loop/metrics/loop-metrics';
import { emptyCounts } from '../../../../../src/main/engine/loop/metrics/loop-counts';
import { FEW_ORDERS } from '../../../../../src/main/engine/loop/metrics/revenue-intervals';

// Revenue figures are never negative, and a handful of orders (or none) must not read as a tight or
// zero-width interval: the normal interval only once there are FEW_ORDERS orders or more.
describe('revenue intervals with few orders', () => {
  it('one order of 50 in 2,000 lists: revenue per 1,000 lists stays at or above 0 (it read 25 [−24.0, 74.0])', () => {
    const m = metricsOf({ ...emptyCounts(), lists: 2000, orders: 1, purchasedLists: 1, revenue: 50, revenueSqLists: 2500, orderValueSq: 2500 });
    const e = m.revenuePerMille;
    expect(e.value).toBe(25);
    expect(e.low).toBeGreaterThanOrEqual(0);
    expect(e.low).toBeGreaterThan(0);
    expect(e.high).toBeGreaterThan(74);
    // The order rate's Wilson interval times the one order's value.
    const rate = wilson(1, 2000);
    expect(e.low).toBeCloseTo(rate.low! * 50 * 1000, 9);
    expect(e.high).toBeCloseTo(rate.high! * 50 * 1000, 9);
  });

  it('no order in 5,000 lists: revenue per 1,000 lists is 0 with an unknown interval, not [0, 0]', () => {
    const m = metricsOf({ ...emptyCounts(), lists: 5000 });
    expect(m.revenuePerMille).toEqual({ value: 0, low: null, high: null });
    expect(m.conversionRate.high).toBeGreaterThan(0);
    expect(metricsOf(emptyCounts()).revenuePerMille).toEqual({ value: null, low: null, high: null });
  });

  it('two orders of 50: the order value interval is unknown, not [50, 50]', () => {
    const m = metricsOf({ ...emptyCounts(), lists: 100, orders: 2, purchasedLists: 2, revenue: 100, revenueSqLists: 5000, orderValueSq: 5000 });
    expect(m.averageOrderValue).toEqual({ value: 50, low: null, high: null });
  });

  it('few orders of different values: the order value interval is never below 0', () => {
    // Orders of 1 and 99: the normal interval's low end is far below 0.
    const m = metricsOf({ ...emptyCounts(), lists: 100, orders: 2, purchasedLists: 2, revenue: 100, revenueSqLists: 1 + 99 * 99, orderValueSq: 1 + 99 * 99 });
    expect(meanInterval(100, 1 + 99 * 99, 2).low).toBeLessThan(0);
    expect(m.averageOrderValue.low).toBe(0);
    expect(m.averageOrderValue.high).toBe(meanInterval(100, 1 + 99 * 99, 2).high);
  });

  it('many orders keep the normal interval exactly', () => {
    // 40 orders (values 10..49) in 4,000 lists, one order per list.
    const values = Array.from({ length: 40 }, (_, i) => 10 + i);
    const revenue = values.reduce((s, v) => s + v, 0);
    const sq = values.reduce((s, v) => s + v * v, 0);
    expect(values.length).toBeGreaterThanOrEqual(FEW_ORDERS);
    const m = metricsOf({ ...emptyCounts(), lists: 4000, orders: 40, purchasedLists: 40, revenue, revenueSqLists: sq, orderValueSq: sq });
    expect(m.revenuePerMille).toEqual(meanInterval(revenue, sq, 4000, 1000));
    expect(m.averageOrderValue).toEqual(meanInterval(revenue, sq, 40));
    expect(m.revenuePerMille.low).toBeGreaterThan(0);
  });
});
