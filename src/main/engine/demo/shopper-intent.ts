import type { CatalogItem } from '../../../shared/contract/catalog';
import type { Random } from './random';
import type { Shelf, ShopFloor } from './shop-floor';

/** What a shopper is latently after; it steers every session they have. */
export interface ShopperIntent {
  readonly shopperId: string;
  /** Preferred categories; the first is the one they come back for most. */
  readonly shelves: readonly Shelf[];
  /** Where in a category's price range they buy: 1 is the median, 0.6 bargain-hunting, 1.8 premium. */
  readonly priceBand: number;
  readonly favouriteBrands: ReadonlySet<string>;
  /** 0..1: how strongly favourite brands pull. */
  readonly brandAffinity: number;
  /** 0..1: how readily a considered item goes to the cart and the cart to checkout. */
  readonly buyPropensity: number;
  readonly sessionsPerWeek: number;
}

/** Log-space tolerance around the shopper's price point. */
const PRICE_TOLERANCE = 0.45;
/** Candidates drawn per pick; the shopper takes the most appealing of a few, as when scanning a page. */
const CANDIDATES_PER_PICK = 10;

export function demoShopperId(n: number): string {
  return `U${String(n).padStart(5, '0')}`;
}

function drawShelf(rng: Random, floor: ShopFloor): Shelf {
  return floor.shelves[rng.weightedIndex(floor.shelfWeights)] as Shelf;
}

export function drawShopperIntent(rng: Random, floor: ShopFloor, n: number): ShopperIntent {
  const primary = drawShelf(rng, floor);
  const shelves = [primary];
  const extra = rng.int(0, 2);
  for (let i = 0; i < extra; i++) {
    const next = rng.chance(0.7) && primary.neighbours.length > 0 ? rng.pick(primary.neighbours) : drawShelf(rng, floor);
    if (!shelves.includes(next)) shelves.push(next);
  }
  const favouriteBrands = new Set(rng.sample(primary.brands, rng.int(1, 2)));
  return {
    shopperId: demoShopperId(n),
    shelves,
    priceBand: Math.min(3, Math.max(0.35, rng.logNormal(1, 0.35))),
    favouriteBrands,
    brandAffinity: rng.next(),
    buyPropensity: 0.05 + 0.6 * rng.next() ** 2,
    sessionsPerWeek: Math.min(14, rng.logNormal(2.2, 0.6)),
  };
}

/** 0..1: how well an item's price sits at the shopper's price point for its shelf (1 when unknown). */
export function priceFit(item: CatalogItem, shelf: Shelf, intent: ShopperIntent): number {
  if (item.price === undefined || shelf.medianPrice === undefined || item.price <= 0 || shelf.medianPrice <= 0) return 1;
  const distance = Math.log(item.price / (shelf.medianPrice * intent.priceBand));
  return Math.exp(-(distance * distance) / (2 * PRICE_TOLERANCE * PRICE_TOLERANCE));
}

export function brandPull(item: CatalogItem, intent: ShopperIntent): number {
  return item.brand !== undefined && intent.favouriteBrands.has(item.brand) ? 1 + 4 * intent.brandAffinity : 1;
}

/** How strongly an item on a shelf draws this shopper: popularity x price fit x brand pull. */
export function appeal(shelf: Shelf, index: number, intent: ShopperIntent): number {
  const item = shelf.items[index] as CatalogItem;
  return (shelf.popularity[index] ?? 1) * (0.05 + priceFit(item, shelf, intent)) * brandPull(item, intent);
}

/** Picks an item index on a shelf: a handful of candidates, chosen by appeal. */
export function chooseOnShelf(rng: Random, shelf: Shelf, intent: ShopperIntent): number {
  const n = Math.min(CANDIDATES_PER_PICK, shelf.items.length);
  const candidates = new Array<number>(n);
  const weights = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const index = rng.int(0, shelf.items.length - 1);
    candidates[i] = index;
    weights[i] = appeal(shelf, index, intent);
  }
  return candidates[rng.weightedIndex(weights)] as number;
}
