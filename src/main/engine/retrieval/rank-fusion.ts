/**
 * Reciprocal rank fusion (Cormack et al. 2009): score(item) = sum over lists of 1 / (k + rank),
 * ranks 1-based. It needs no score calibration between BM25 and cosine, only ranks.
 */
export const RRF_K = 60;

export interface FusedItem {
  itemId: string;
  score: number;
  /** 1-based rank in the lexical list, null when the item is not in it. */
  lexicalRank: number | null;
  semanticRank: number | null;
}

export function reciprocalRankFusion(lexical: readonly string[], semantic: readonly string[], k = RRF_K): FusedItem[] {
  const fused = new Map<string, FusedItem>();
  const take = (ids: readonly string[], field: 'lexicalRank' | 'semanticRank'): void => {
    ids.forEach((itemId, i) => {
      const item = fused.get(itemId) ?? { itemId, score: 0, lexicalRank: null, semanticRank: null };
      if (item[field] !== null) return; // a duplicate in one list counts once, at its best rank
      item[field] = i + 1;
      item.score += 1 / (k + i + 1);
      fused.set(itemId, item);
    });
  };
  take(lexical, 'lexicalRank');
  take(semantic, 'semanticRank');
  const best = (f: FusedItem): number => Math.min(f.lexicalRank ?? Infinity, f.semanticRank ?? Infinity);
  return [...fused.values()].sort((a, b) => b.score - a.score || best(a) - best(b) || (a.itemId < b.itemId ? -1 : 1));
}
