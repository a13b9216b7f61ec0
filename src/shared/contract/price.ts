import { z } from 'zod';

/**
 * The largest price per unit an event or a catalogue item may carry. Far past any real price, and
 * small enough that a purchase's value (price x quantity) and its square, which the revenue
 * intervals sum, stay finite: 1e308 x 2 is Infinity, and one Infinity in a roll-up sum became NaN,
 * then SQL NULL, and the roll-up write failed.
 */
export const MAX_PRICE = 1_000_000_000;
/** The most units one event may carry. */
export const MAX_QUANTITY = 100_000;
/** The largest value one purchase can have: MAX_PRICE x MAX_QUANTITY (1e14; its square, 1e28, is finite). */
export const MAX_ORDER_VALUE = MAX_PRICE * MAX_QUANTITY;

export const Price = z.number().finite().nonnegative().max(MAX_PRICE, { error: `at most ${MAX_PRICE} per unit` });
export const Quantity = z.number().int().positive().max(MAX_QUANTITY, { error: `at most ${MAX_QUANTITY} units` });
