import type { CatalogItem } from '../../../shared/contract/catalog';
import { composeTitle, type VariantChoice } from './listing-title';
import { Random } from './random';
import { shelfPrice, variantPriceFactor } from './shelf-price';
import { DEPARTMENTS, SHOP_LEAVES } from './vocabulary';

export interface CatalogOptions {
  readonly seed: number;
  /** Number of items; ids run from `P000001`. */
  readonly count: number;
}

/** Share of items in stock. */
const IN_STOCK_RATE = 0.93;
/** How many times a title that already exists is recomposed before the duplicate is kept. */
const TITLE_ATTEMPTS = 4;

export function demoItemId(n: number): string {
  return `P${String(n).padStart(6, '0')}`;
}

/** Each brand's price positioning (budget < 1 < premium), fixed per seed and brand name. */
function brandTiers(seed: number): ReadonlyMap<string, number> {
  const tiers = new Map<string, number>();
  for (const department of DEPARTMENTS) {
    for (const brand of department.brands) {
      tiers.set(brand, Math.exp(0.3 * Random.stream(seed, `brand:${brand}`).normal()));
    }
  }
  return tiers;
}

function assertWholeNumber(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/**
 * A deterministic, realistic catalogue: items spread over the demo shop's leaf categories,
 * titled from brand + adjectives + product noun + variant, priced log-normally around the
 * category median. The same seed and count always give the same items, and a longer
 * catalogue starts with the items of a shorter one.
 */
export function generateCatalog({ seed, count }: CatalogOptions): CatalogItem[] {
  assertWholeNumber('count', count);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const rng = Random.stream(seed, 'catalog');
  const tiers = brandTiers(seed);
  const seenTitles = new Set<string>();
  const items: CatalogItem[] = new Array<CatalogItem>(count);

  for (let i = 0; i < count; i++) {
    const { department, leaf, category } = rng.pick(SHOP_LEAVES);
    const brand = rng.pick(department.brands);
    let variant: VariantChoice[] = [];
    let title = '';
    for (let attempt = 0; attempt < TITLE_ATTEMPTS; attempt++) {
      variant = leaf.axes.map((axis) => ({ axis, index: rng.int(0, axis.values.length - 1) }));
      title = composeTitle(rng, leaf, brand, variant);
      if (!seenTitles.has(title)) break;
    }
    seenTitles.add(title);

    const attributes: Record<string, string | number | boolean> = {};
    for (const { axis, index } of variant) attributes[axis.key] = axis.values[index] as string | number;
    attributes.rating = Math.round((3 + 2 * Math.sqrt(rng.next())) * 10) / 10;

    const median = leaf.medianPrice * (tiers.get(brand) ?? 1) * variantPriceFactor(variant);
    items[i] = {
      itemId: demoItemId(i + 1),
      title,
      brand,
      category,
      price: shelfPrice(rng, median),
      attributes,
      inStock: rng.chance(IN_STOCK_RATE),
    };
  }
  return items;
}
