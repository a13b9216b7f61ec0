import type { Estimate } from '../../../../shared/contract';
import { meanInterval, wilson } from './intervals';

/**
 * Below this many orders the normal interval of a revenue figure is not trusted: its spread is
 * measured on a handful of orders (none at all at 0, where it was [0, 0]), and its low end fell
 * below 0 (1 order of 50 in 2,000 lists read 25 [−24.0, 74.0] per 1,000 lists).
 */
export const FEW_ORDERS = 30;

/** Revenue is never negative: a normal interval's low end below 0 is cut to 0. */
function clampLow(e: Estimate): Estimate {
  return e.low !== null && e.low < 0 ? { ...e, low: 0 } : e;
}

/**
 * Revenue per list (x `scale`: 1000 for per 1,000 lists). With FEW_ORDERS orders or more, the
 * normal interval from the per-list sum of squares, low cut at 0. With fewer, revenue per list is
 * the order rate times the mean order value, and the order rate is the uncertain part: the Wilson
 * interval of orders per list, times the observed mean order value (its own uncertainty is left
 * out: with a few orders it is not measurable). With no order there is nothing to value an order
 * by, so the interval is unknown (null bounds), not [0, 0]. More orders than lists (a handful of
 * lists) is no rate: the normal interval, cut at 0.
 */
export function revenuePerListInterval(revenue: number, revenueSq: number, lists: number, orders: number, scale = 1): Estimate {
  const normal = meanInterval(revenue, revenueSq, lists, scale);
  if (normal.value === null || orders >= FEW_ORDERS || orders > lists) return clampLow(normal);
  if (!(orders > 0)) return { value: normal.value, low: null, high: null };
  const rate = wilson(orders, lists);
  const orderValue = revenue / orders;
  if (rate.low === null || rate.high === null || !Number.isFinite(orderValue * scale)) return { value: normal.value, low: null, high: null };
  return { value: normal.value, low: Math.max(0, rate.low * orderValue * scale), high: rate.high * orderValue * scale };
}

/**
 * Mean order value: the normal interval from the per-order sum of squares, low cut at 0. With fewer
 * than FEW_ORDERS orders that all had the same value there is no measured spread, and a zero-width
 * interval ([50, 50] from two orders of 50) would claim certainty: the interval is unknown instead.
 */
export function orderValueInterval(revenue: number, orderValueSq: number, orders: number): Estimate {
  const normal = meanInterval(revenue, orderValueSq, orders);
  if (normal.low !== null && normal.high !== null && orders < FEW_ORDERS && !(normal.high > normal.low)) return { value: normal.value, low: null, high: null };
  return clampLow(normal);
}
