/**
 * Accuracy at a cut-off from the 1-based rank of the single held-out item. With one relevant item
 * per case, HR@K equals Recall@K and IDCG is 1, which is how the S3-Rec and session-rec tables count.
 */
export function hitAt(rank: number, k: number): number {
  return rank <= k ? 1 : 0;
}

export function ndcgAt(rank: number, k: number): number {
  return rank <= k ? 1 / Math.log2(rank + 1) : 0;
}

export function mrrAt(rank: number, k: number): number {
  return rank <= k ? 1 / rank : 0;
}

/** Recall@K for several relevant items (e.g. the rest of a session): share of them in the top K. */
export function recallAt(recommended: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  const n = Math.min(k, recommended.length);
  for (let i = 0; i < n; i += 1) if (relevant.has(recommended[i] as number)) hits += 1;
  return hits / relevant.size;
}
