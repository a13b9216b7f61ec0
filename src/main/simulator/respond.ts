import type { Random } from '../engine/demo/random';
import { cartQuantity } from './cart-quantity';
import type { SimulatorTruth } from './simulator-truth';

/** An item as shown: a RankedList's items fit; `position` defaults to index + 1. */
export interface ShownItem {
  readonly itemId: string;
  readonly position?: number;
}

/** What the shopper did with one shown item. */
export interface ResponseLine {
  readonly itemId: string;
  readonly position: number;
  readonly examined: boolean;
  readonly clicked: boolean;
  readonly carted: boolean;
  /** Quantity put in the cart (0 when not carted). */
  readonly quantity: number;
  /** Bought at checkout (only carted lines are). */
  readonly purchased: boolean;
  /** Catalogue price x quantity when purchased, else 0. */
  readonly revenue: number;
}

export interface ShopperResponse {
  readonly shopperId: string;
  readonly lines: readonly ResponseLine[];
  readonly clicks: number;
  readonly carts: number;
  readonly purchases: number;
  readonly revenue: number;
}

/** Uniform draws per shown item, whatever happens: lists of one length use the stream alike (common random numbers). */
export const DRAWS_PER_ITEM = 5;

/**
 * Draws one shopper's response to one list, without the engine: per position k, examined with
 * theta_k, clicked if examined with alpha, carted after a click with P(cart | click), a quantity,
 * and bought with P(purchase | cart). Positions are independent (the position-based model), so the
 * mean of many draws is SimulatorTruth.expectedOutcome / expectedReward. `at` (the simulated time)
 * matters only to a truth with satiation.
 */
export function respond(truth: SimulatorTruth, shopperId: string, list: readonly ShownItem[], rng: Random, at?: number): ShopperResponse {
  const lines: ResponseLine[] = [];
  let clicks = 0;
  let carts = 0;
  let purchases = 0;
  let revenue = 0;
  list.forEach((shown, i) => {
    const position = shown.position ?? i + 1;
    const uExamine = rng.next();
    const uClick = rng.next();
    const uCart = rng.next();
    const uQuantity = rng.next();
    const uPurchase = rng.next();
    const t = truth.itemTruth(shopperId, shown.itemId, at);
    const examined = uExamine < truth.examination(position);
    const clicked = examined && uClick < t.attractiveness;
    const carted = clicked && uCart < t.cartProbability;
    const quantity = carted && t.shelved !== undefined ? cartQuantity(t.shelved.shelf, uQuantity) : 0;
    const purchased = carted && uPurchase < t.purchaseProbability;
    const value = purchased ? t.price * quantity : 0;
    lines.push({ itemId: shown.itemId, position, examined, clicked, carted, quantity, purchased, revenue: value });
    if (clicked) clicks++;
    if (carted) carts++;
    if (purchased) purchases++;
    revenue += value;
  });
  return { shopperId, lines, clicks, carts, purchases, revenue };
}
