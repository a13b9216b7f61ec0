import type { LoopCounts, MetricName } from '../../../../shared/contract';

/**
 * What a comparison needs of one arm's metric: how many units it averages over (items, lists or
 * orders), their mean and their variance per unit, and how many lists they came from.
 */
export interface MetricSample {
  units: number;
  mean: number;
  variance: number;
  lists: number;
}

/**
 * The per-unit sample behind each metric of `metricsOf`: rates are means of 0/1 outcomes per shown
 * item (ctr, addToCartRate) or per list (listCtr, conversionRate); revenuePerMille is 1,000 × the
 * mean revenue per list; averageOrderValue the mean value per purchase. Items of one list are taken
 * as independent trials, as the metric intervals do. Undefined when there is nothing to measure.
 */
export function metricSample(c: Readonly<LoopCounts>, metric: MetricName): MetricSample | undefined {
  switch (metric) {
    case 'ctr':
      return proportion(c.clickedItems, c.items, c.lists);
    case 'listCtr':
      return proportion(c.clickedLists, c.lists, c.lists);
    case 'addToCartRate':
      return proportion(c.cartedItems, c.items, c.lists);
    case 'conversionRate':
      return proportion(c.purchasedLists, c.lists, c.lists);
    case 'revenuePerMille':
      return mean(c.revenue, c.revenueSqLists, c.lists, c.lists, 1000);
    case 'averageOrderValue':
      return mean(c.revenue, c.orderValueSq, c.orders, c.lists, 1);
  }
}

function proportion(successes: number, trials: number, lists: number): MetricSample | undefined {
  if (!(trials > 0)) return undefined;
  // The variance is taken at (x + ½)/(n + 1) so that 0 or n successes do not claim no spread at all.
  const smoothed = (successes + 0.5) / (trials + 1);
  return { units: trials, mean: successes / trials, variance: smoothed * (1 - smoothed), lists };
}

function mean(sum: number, sumOfSquares: number, n: number, lists: number, scale: number): MetricSample | undefined {
  if (!(n >= 2)) return undefined;
  const m = sum / n;
  const variance = Math.max(0, (sumOfSquares - n * m * m) / (n - 1));
  return { units: n, mean: m * scale, variance: variance * scale * scale, lists };
}
