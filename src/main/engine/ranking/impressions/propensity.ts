/** Default temperature of the reference Plackett-Luce policy, as a fraction of the list's score range. */
export const DEFAULT_PROPENSITY_TEMPERATURE = 0.1;
/** No propensity is logged below this, so inverse-propensity weights stay finite. */
export const MIN_PROPENSITY = 1e-9;

/**
 * The probability that a Plackett-Luce policy over `poolScores` picks each item at its first draw:
 * softmax(score / (temperature x score range)) over the whole eligible pool. Pool items not shown
 * share the remaining mass, so the probabilities of the shown items add up to at most 1. Each is in
 * [MIN_PROPENSITY, 1]. Returned in the order of `poolScores`.
 */
export function softmaxPropensities(poolScores: readonly number[], temperature = DEFAULT_PROPENSITY_TEMPERATURE): number[] {
  if (!(temperature > 0)) throw new RangeError(`temperature must be positive, got ${temperature}`);
  const n = poolScores.length;
  if (n === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const s of poolScores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const range = max - min > 0 ? max - min : 1;
  const t = temperature * range;
  const exps = poolScores.map((s) => Math.exp((s - max) / t));
  const z = exps.reduce((a, b) => a + b, 0);
  const raw = exps.map((e) => Math.max(MIN_PROPENSITY, e / z));
  // The floor can push the total a hair over 1; scale back so the whole pool sums to at most 1.
  const total = raw.reduce((a, b) => a + b, 0);
  return total > 1 ? raw.map((p) => p / total) : raw;
}
