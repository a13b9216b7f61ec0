import type { Shelf } from '../engine/demo/shop-floor';

/** Consumables: 1 + min(5, G) with G geometric (failures before a success of probability 0.6). */
const CONSUMABLE_SUCCESS = 0.6;
const CONSUMABLE_EXTRA_CAP = 5;
/** Other items: 2 with this probability, else 1. */
const DOUBLE_RATE = 0.05;

/** How many the shopper puts in the cart, from one uniform draw u in [0, 1) (the demo generator's distribution). */
export function cartQuantity(shelf: Shelf, u: number): number {
  if (!shelf.consumable) return u < DOUBLE_RATE ? 2 : 1;
  const extra = Math.floor(Math.log(1 - u) / Math.log(1 - CONSUMABLE_SUCCESS));
  return 1 + Math.min(CONSUMABLE_EXTRA_CAP, extra);
}

/** E[quantity]: 1 + sum_{j=1..5} 0.4^j = 1.65984 for consumables, 1.05 otherwise. */
export function expectedCartQuantity(shelf: Shelf): number {
  if (!shelf.consumable) return 1 + DOUBLE_RATE;
  let extra = 0;
  for (let j = 1; j <= CONSUMABLE_EXTRA_CAP; j++) extra += (1 - CONSUMABLE_SUCCESS) ** j;
  return 1 + extra;
}
