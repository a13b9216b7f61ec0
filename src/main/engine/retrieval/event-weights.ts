/**
 * How much one event says about an item, by type: a purchase means more than a view. Types
 * not listed (search, impression, remove_from_cart, custom:*) add nothing to behaviour signals.
 */
export const EVENT_WEIGHTS: Readonly<Record<string, number>> = {
  view: 1,
  click: 1.5,
  add_to_cart: 3,
  purchase: 5,
};

export function eventWeight(type: string): number {
  return EVENT_WEIGHTS[type] ?? 0;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
