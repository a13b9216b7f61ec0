import type { Random } from '../engine/demo/random';

const SECOND = 1000;
const MAX_PAUSE = 5 * 60 * SECOND;

/** Log-normal pauses of a shopper, in shopper milliseconds (before the speed factor). */
function pause(rng: Random, median: number, sigma: number): number {
  return Math.round(Math.min(MAX_PAUSE, Math.max(SECOND, rng.logNormal(median, sigma))));
}

/** Looking over a list before acting on it: median 6 s. */
export const scanList = (rng: Random): number => pause(rng, 6 * SECOND, 0.6);
/** Back on the list, choosing the next item to open: median 3 s. */
export const backToList = (rng: Random): number => pause(rng, 3 * SECOND, 0.5);
/** On a product page after a click: median 20 s. */
export const readProductPage = (rng: Random): number => pause(rng, 20 * SECOND, 0.8);
/** Going through checkout: median 45 s. */
export const checkOut = (rng: Random): number => pause(rng, 45 * SECOND, 0.5);
