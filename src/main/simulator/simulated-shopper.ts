import { Random } from '../engine/demo/random';
import type { ShopFloor } from '../engine/demo/shop-floor';
import { demoShopperId, drawShopperIntent, type ShopperIntent } from '../engine/demo/shopper-intent';

/** A simulated shopper: the demo generator's latent intent plus how much a high price puts them off. */
export interface SimulatedShopper {
  readonly shopperId: string;
  /** Preferred shelves (first = favourite), price point, favourite brands and their pull, buy propensity, visit rate. */
  readonly intent: ShopperIntent;
  /**
   * 0..1: how strongly a price above their price point lowers the chance of carting and buying.
   * Bargain hunters (low price band) tend to be more sensitive.
   */
  readonly priceSensitivity: number;
}

const DEMO_ID = /^U(\d{5,})$/;

/**
 * The shopper with this id, the same every time for a seed and a shop floor. Demo ids (U00001, ...)
 * draw their intent from the generator's own stream (`shopper:<n>`, the intent being its first
 * draw), so a simulated U00007 has the tastes its generated history in the store came from.
 * Any other id gets tastes from a stream named after it. Price sensitivity comes from a separate
 * stream, so it never shifts the generator's numbers.
 */
export function drawSimulatedShopper(seed: number, floor: ShopFloor, shopperId: string): SimulatedShopper {
  const demoNumber = DEMO_ID.exec(shopperId)?.[1];
  const n = demoNumber !== undefined ? Number(demoNumber) : 0;
  const fromGenerator = n >= 1 && demoShopperId(n) === shopperId;
  const intentRng = Random.stream(seed, fromGenerator ? `shopper:${n}` : `shopper-id:${shopperId}`);
  const drawn = drawShopperIntent(intentRng, floor, n);
  const intent: ShopperIntent = fromGenerator ? drawn : { ...drawn, shopperId };
  const rng = Random.stream(seed, `sim-price-sensitivity:${shopperId}`);
  const raw = 0.45 - 0.6 * Math.log(intent.priceBand) + 0.2 * rng.normal();
  return { shopperId, intent, priceSensitivity: Math.min(1, Math.max(0, raw)) };
}
