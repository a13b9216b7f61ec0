/**
 * Position weights of the current session's items in V-SKNN, as session-rec names them: item i
 * (1-based) of a history of length L. All but `same` favour recent items, which is what makes
 * V-SKNN beat plain SKNN on click logs.
 */
export const SESSION_WEIGHTINGS = {
  same: (): number => 1,
  div: (i: number, length: number): number => i / length,
  quadratic: (i: number, length: number): number => (i / length) ** 2,
  log: (i: number, length: number): number => 1 / Math.log10(length - i + 1.7),
  // session-rec's linear weighting: 0.1 less per step back, and nothing for positions past 10.
  linear: (i: number, length: number): number => (i <= 10 ? Math.max(0, 1 - 0.1 * (length - i)) : 0),
} as const;
export type SessionWeighting = keyof typeof SESSION_WEIGHTINGS;

export function isSessionWeighting(value: string): value is SessionWeighting {
  return Object.hasOwn(SESSION_WEIGHTINGS, value);
}

/**
 * Inverse document frequency per item, session-rec style: log(#sessions / #events of the item).
 * Rare items shared with a neighbour then count more in its vote.
 */
export function itemIdf(counts: Float64Array, sessions: number): Float64Array {
  return Float64Array.from(counts, (c) => (c > 0 ? Math.log(sessions / c) : 0));
}
