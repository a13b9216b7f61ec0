/** A day: an interaction this old counts half as much as one just now. */
export const DEFAULT_RECENCY_HALF_LIFE_MS = 24 * 60 * 60 * 1000;

/**
 * Exponential decay of an interaction's age, in (0, 1]: 1 now, 0.5 at one half-life, 0.25 at two.
 * A negative age (clock skew) counts as now; an unknown age (no interaction) gives 0.
 */
export function recency(lastInteractionAgeMs: number | undefined, halfLifeMs = DEFAULT_RECENCY_HALF_LIFE_MS): number {
  if (lastInteractionAgeMs === undefined || Number.isNaN(lastInteractionAgeMs)) return 0;
  if (!(halfLifeMs > 0)) throw new RangeError(`halfLifeMs must be positive, got ${halfLifeMs}`);
  return Math.pow(0.5, Math.max(0, lastInteractionAgeMs) / halfLifeMs);
}
