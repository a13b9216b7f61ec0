import type { MetricName } from '../../../../shared/contract';

/** How each metric is named in a sentence. */
export const METRIC_WORDS: Readonly<Record<MetricName, string>> = {
  ctr: 'click-through rate',
  listCtr: 'list click-through rate',
  addToCartRate: 'add-to-cart rate',
  conversionRate: 'conversion',
  revenuePerMille: 'revenue per 1,000 lists',
  averageOrderValue: 'average order value',
};

const RATES: ReadonlySet<MetricName> = new Set(['ctr', 'listCtr', 'addToCartRate', 'conversionRate']);

/** "Arm B" for an arm named "B"; a name that already says "arm" is kept. */
export function armLabel(name: string): string {
  return /^arm\b/i.test(name) ? name : `Arm ${name}`;
}

export function possessive(label: string): string {
  return label.endsWith('s') ? `${label}'` : `${label}'s`;
}

/** A metric's level: "2.35 %" for a rate, "12.40" for money. */
export function formatLevel(metric: MetricName, value: number): string {
  return RATES.has(metric) ? `${(value * 100).toFixed(2)} %` : value.toFixed(2);
}

/** A difference's size without its sign: "0.40 points" for a rate, "12.40" for money. */
export function formatSize(metric: MetricName, difference: number): string {
  return RATES.has(metric) ? `${Math.abs(difference * 100).toFixed(2)} points` : Math.abs(difference).toFixed(2);
}

/** An interval's ends in the metric's unit: "0.10 to 0.70" (points for rates). */
export function formatRange(metric: MetricName, low: number, high: number): string {
  const scale = RATES.has(metric) ? 100 : 1;
  return `${(low * scale).toFixed(2)} to ${(high * scale).toFixed(2)}`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "95%" for α = 0.05. */
export function confidenceWords(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(1))}%`;
}
