/** Where a session's prices sit: the median price seen and the spread of log prices (natural log units). */
export interface PriceBand {
  readonly median: number;
  readonly spread: number;
}

/** Below this a band would call a 10% price difference a poor fit. */
export const MIN_PRICE_SPREAD = 0.15;
/** Returned when either the item price or the band is unknown: neither a fit nor a misfit. */
export const NEUTRAL_PRICE_FIT = 0.5;

/**
 * How well an item's price fits the session's band, in [0, 1]: a Gaussian on log price,
 * exp(-(ln p - ln median)^2 / (2 spread^2)). 1 at the median; 0.61 one spread away.
 */
export function priceFit(itemPrice: number | undefined, band: PriceBand | undefined): number {
  if (itemPrice === undefined || band === undefined || !(itemPrice > 0) || !(band.median > 0)) return NEUTRAL_PRICE_FIT;
  const spread = Math.max(MIN_PRICE_SPREAD, Number.isFinite(band.spread) ? band.spread : MIN_PRICE_SPREAD);
  const z = (Math.log(itemPrice) - Math.log(band.median)) / spread;
  return Math.exp(-0.5 * z * z);
}

/** The band of the prices a session looked at; undefined when it saw no priced item. */
export function sessionPriceBand(prices: readonly number[]): PriceBand | undefined {
  const logs = prices.filter((p) => p > 0 && Number.isFinite(p)).map(Math.log);
  if (logs.length === 0) return undefined;
  const sorted = [...logs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const medianLog = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
  const variance = logs.reduce((s, x) => s + (x - mean) ** 2, 0) / logs.length;
  return { median: Math.exp(medianLog), spread: Math.max(MIN_PRICE_SPREAD, Math.sqrt(variance)) };
}
