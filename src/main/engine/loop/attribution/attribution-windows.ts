import type { AttributionSettings } from '../../../../shared/contract';

/** Event types that are rewards: each is joined to the list it came from. */
export const REWARD_TYPES: ReadonlySet<string> = new Set(['click', 'add_to_cart', 'purchase']);

/** REWARD_TYPES.has as three comparisons (every stored event asks, on the ingest path). */
export function isRewardType(type: string): type is 'click' | 'add_to_cart' | 'purchase' {
  return type === 'click' || type === 'add_to_cart' || type === 'purchase';
}

/** A reward may come this long after its own timestamp before it counts as late (it is still attributed). */
export const LATE_AFTER_MS = 5 * 60_000;

/** Client clocks run a little ahead or behind ours: a list logged up to this long after the event's time still matches. */
export const CLOCK_SKEW_MS = 5_000;

export const DEFAULT_ATTRIBUTION: AttributionSettings = { clickWindowMinutes: 30, cartWindowMinutes: 1440, purchaseWindowMinutes: 1440 };

/** How far back a reward of this type looks for the list that caused it. */
export function windowMs(type: string, settings: AttributionSettings): number {
  const minutes = type === 'click' ? settings.clickWindowMinutes : type === 'add_to_cart' ? settings.cartWindowMinutes : settings.purchaseWindowMinutes;
  return minutes * 60_000;
}

/** The longest window in force: how much recent history attribution may need. */
export function longestWindowMs(settings: AttributionSettings): number {
  return Math.max(settings.clickWindowMinutes, settings.cartWindowMinutes, settings.purchaseWindowMinutes) * 60_000;
}
