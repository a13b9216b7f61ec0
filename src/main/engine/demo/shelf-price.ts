import type { Random } from './random';
import type { VariantChoice } from './listing-title';

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Spread of prices around a category's median, in log space (about ±35% for one standard deviation). */
const PRICE_SIGMA = 0.3;

/** Multiplier for the variant: bigger packs, volumes and sizes cost more, centred on the middle value. */
export function variantPriceFactor(variant: readonly VariantChoice[]): number {
  let factor = 1;
  for (const { axis, index } of variant) {
    if (axis.priceStep !== 1) factor *= axis.priceStep ** (index - (axis.values.length - 1) / 2);
  }
  return factor;
}

/**
 * A shelf price: log-normal around `median`, ending in .99 (mostly) or .49;
 * prices of 200 and above round to the nearest ten less a cent (249.99).
 */
export function shelfPrice(rng: Random, median: number): number {
  const raw = Math.max(1, rng.logNormal(median, PRICE_SIGMA));
  if (raw >= 200) return round2(Math.round(raw / 10) * 10 - 0.01);
  return round2(Math.floor(raw) + (rng.chance(0.75) ? 0.99 : 0.49));
}
