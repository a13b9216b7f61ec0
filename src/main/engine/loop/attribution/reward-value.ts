import { MAX_ORDER_VALUE } from '../../../../shared/contract';

/**
 * Bound on a list's revenue before a reward (a thousand orders at MAX_ORDER_VALUE): with it,
 * 2 x before x value (the roll-ups' squared revenue) stays far inside the finite range.
 */
export const MAX_LIST_VALUE = 1_000 * MAX_ORDER_VALUE;

/**
 * A purchase value held to what the contract allows now. Rows stored before MAX_PRICE existed (or a
 * catalogue price saved then) can hold 1e308 x 2 = Infinity, or a value whose square is: one such
 * value turned a roll-up sum into NaN (SQL NULL: the write failed) or Infinity (every metrics reply
 * failed its contract). Clamping keeps such a purchase counted as a very large one; NaN counts as nothing.
 */
export function boundedValue(value: number, max: number = MAX_ORDER_VALUE): number {
  return value > 0 ? Math.min(value, max) : 0;
}
