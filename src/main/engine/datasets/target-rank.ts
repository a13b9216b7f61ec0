/**
 * The one ranking rule behind every offline figure: the evaluation's metrics, the intent model's
 * early stopping and the fine-tune job's before/after comparison all rank a held-out target with
 * it, so a model cannot look better in one place than in another.
 *
 * - **Ties count against the target**: rank = 1 + (items scoring higher) + (other items scoring
 *   the same). A model that gives every item the same score ranks the target last, not by its
 *   index; a constant model therefore scores 0, never a lucky hit.
 * - **Non-finite scores are an error**: NaN or +Infinity anywhere in the scores throws
 *   `NonFiniteScoreError` (a diverged model must fail loudly, not rank its target first because
 *   `s > NaN` is false). −Infinity is allowed and means "excluded" (history masking): such an item
 *   ranks after every finite score, and a target at −Infinity ranks last.
 */
export class NonFiniteScoreError extends Error {
  constructor(
    readonly item: number,
    readonly value: number,
  ) {
    super(`score of item ${item} is ${value}: a model's scores must be finite (or -Infinity for an excluded item)`);
    this.name = 'NonFiniteScoreError';
  }
}

/** 1-based rank of `target` among all scores under the rule above. */
export function rankOfTarget(scores: ArrayLike<number>, target: number): number {
  const t = scores[target];
  if (t === undefined) throw new RangeError(`target ${target} is outside the ${scores.length} scores`);
  let rank = 1;
  for (let i = 0; i < scores.length; i += 1) {
    const s = scores[i] as number;
    // NaN fails both comparisons; +Infinity is the only value above the largest float.
    if (!(s < Number.POSITIVE_INFINITY) && !(s === Number.NEGATIVE_INFINITY)) throw new NonFiniteScoreError(i, s);
    if (s > t || (s === t && i !== target)) rank += 1;
  }
  return rank;
}

/** NDCG@k of one target's rank (one relevant item: IDCG = 1). */
export function ndcgOfRank(rank: number, k: number): number {
  return rank <= k ? 1 / Math.log2(rank + 1) : 0;
}
