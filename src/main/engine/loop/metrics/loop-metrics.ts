import type { Estimate, LoopCounts, LoopMetrics, MetricName } from '../../../../shared/contract';
import { wilson } from './intervals';
import { orderValueInterval, revenuePerListInterval } from './revenue-intervals';

/**
 * The online metrics of a set of lists, each with its 95% interval: Wilson for the rates (each
 * shown item, or each list, is one trial), normal intervals for revenue per list and per order
 * (from the per-list and per-order sums of squares the roll-ups keep), never below 0 and, with
 * few orders, from the order rate instead (revenue-intervals.ts).
 */
export function metricsOf(c: Readonly<LoopCounts>): LoopMetrics {
  return {
    ctr: wilson(c.clickedItems, c.items),
    listCtr: wilson(c.clickedLists, c.lists),
    addToCartRate: wilson(c.cartedItems, c.items),
    conversionRate: wilson(c.purchasedLists, c.lists),
    revenuePerMille: revenuePerListInterval(c.revenue, c.revenueSqLists, c.lists, c.orders, 1000),
    averageOrderValue: orderValueInterval(c.revenue, c.orderValueSq, c.orders),
  };
}

export function metricOf(c: Readonly<LoopCounts>, metric: MetricName): Estimate {
  return metricsOf(c)[metric];
}
