import type { CatalogItem } from '../../shared/contract';
import type { Shelf } from '../engine/demo/shop-floor';
import { priceFit } from '../engine/demo/shopper-intent';
import type { SimulatedShopper } from './simulated-shopper';

/** An item where the simulated shop keeps it: its shelf (category) and its index there. */
export interface ShelvedItem {
  readonly item: CatalogItem;
  readonly shelf: Shelf;
  readonly index: number;
}

/** The model's constants, named here once and quoted in docs/SIMULATOR.md. */
export const TASTE_MODEL = {
  /** Category preference: favourite shelf, another preferred shelf, same department as a preferred one, elsewhere. */
  category: { favourite: 1, preferred: 0.7, sameDepartment: 0.3, elsewhere: 0.06 },
  /** Attractiveness spans [alphaMin, alphaMax] as fit goes 0..1. */
  alphaMin: 0.01,
  alphaMax: 0.5,
  /** How fast a price above the shopper's price point lowers acceptance, at price sensitivity 1. */
  priceSlope: 3,
} as const;

/**
 * 0..1: how well an item suits a shopper, the product of four terms each at most 1:
 *   category  c  (see TASTE_MODEL.category)
 *   price     0.3 + 0.7 * priceFit   (Gaussian in log price around median x priceBand, the demo generator's)
 *   quality   0.6 + 0.4 * q/(1+q)    (q: the item's popularity on its shelf, log-normal, median 1)
 *   brand     1 for a favourite brand, else 1 - 0.4 * brandAffinity
 */
export function tasteFit(shopper: SimulatedShopper, at: ShelvedItem): number {
  const intent = shopper.intent;
  const c = TASTE_MODEL.category;
  const category =
    intent.shelves[0] === at.shelf
      ? c.favourite
      : intent.shelves.includes(at.shelf)
        ? c.preferred
        : intent.shelves.some((s) => s.department === at.shelf.department)
          ? c.sameDepartment
          : c.elsewhere;
  const price = 0.3 + 0.7 * priceFit(at.item, at.shelf, intent);
  const q = at.shelf.popularity[at.index] ?? 1;
  const quality = 0.6 + 0.4 * (q / (1 + q));
  const favourite = at.item.brand !== undefined && intent.favouriteBrands.has(at.item.brand);
  const brand = favourite ? 1 : 1 - 0.4 * intent.brandAffinity;
  return category * price * quality * brand;
}

/** alpha = alphaMin + (alphaMax - alphaMin) * fit: the chance of a click once the position is examined. */
export function attractivenessOf(fit: number): number {
  return TASTE_MODEL.alphaMin + (TASTE_MODEL.alphaMax - TASTE_MODEL.alphaMin) * fit;
}

/**
 * 0..1: how readily the shopper accepts the item's price: exp(-priceSlope * s * max(0, ln(price / target))),
 * target = shelf median x priceBand, s = price sensitivity. Prices at or below the target are fully accepted.
 */
export function priceAcceptance(shopper: SimulatedShopper, at: ShelvedItem): number {
  const price = at.item.price;
  const median = at.shelf.medianPrice;
  if (price === undefined || median === undefined || price <= 0 || median <= 0) return 1;
  const over = Math.max(0, Math.log(price / (median * shopper.intent.priceBand)));
  return Math.exp(-TASTE_MODEL.priceSlope * shopper.priceSensitivity * over);
}

/** P(add to cart | click) = acceptance * (0.05 + 0.55 fit) * (0.5 + buyPropensity); 0 when out of stock. */
export function cartProbabilityOf(shopper: SimulatedShopper, at: ShelvedItem, fit: number): number {
  if (at.item.inStock === false) return 0;
  return priceAcceptance(shopper, at) * (0.05 + 0.55 * fit) * (0.5 + shopper.intent.buyPropensity);
}

/** P(purchase | in cart) = (0.25 + 0.6 buyPropensity) * (0.6 + 0.4 fit) * sqrt(acceptance). */
export function purchaseProbabilityOf(shopper: SimulatedShopper, at: ShelvedItem, fit: number): number {
  return (0.25 + 0.6 * shopper.intent.buyPropensity) * (0.6 + 0.4 * fit) * Math.sqrt(priceAcceptance(shopper, at));
}
