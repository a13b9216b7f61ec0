import type { RankingCandidate } from '../scoring/candidate';

/** Cosine similarity of two vectors; 0 when either is all zeros or their lengths differ. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** The leaf category an item is capped and compared by: its full category path, case-folded. */
export function leafCategory(item: Pick<RankingCandidate, 'category'>): string | undefined {
  return item.category?.trim().toLowerCase();
}

/** How alike two items are, in [0, 1]-ish: cosine of their vectors when both have one, else 1 for the same leaf category and 0 otherwise. */
export function itemSimilarity(a: RankingCandidate, b: RankingCandidate): number {
  if (a.vector !== undefined && b.vector !== undefined) return cosine(a.vector, b.vector);
  const ca = leafCategory(a);
  return ca !== undefined && ca === leafCategory(b) ? 1 : 0;
}

/**
 * A similarity over a fixed list of items, with unit vectors and leaf categories computed once,
 * so MMR's many comparisons are one dot product each. Same rule as {@link itemSimilarity}.
 */
export function pairwiseSimilarity(items: readonly RankingCandidate[]): (i: number, j: number) => number {
  const units = items.map((it) => (it.vector === undefined ? undefined : unit(it.vector)));
  const leaves = items.map(leafCategory);
  return (i, j) => {
    const a = units[i];
    const b = units[j];
    if (a !== undefined && b !== undefined) {
      if (a.length !== b.length) return 0;
      let dot = 0;
      for (let d = 0; d < a.length; d++) dot += (a[d] as number) * (b[d] as number);
      return dot;
    }
    const ca = leaves[i];
    return ca !== undefined && ca === leaves[j] ? 1 : 0;
  };
}

function unit(v: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(v as ArrayLike<number>);
  let norm = 0;
  for (let d = 0; d < out.length; d++) norm += (out[d] as number) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < out.length; d++) out[d] = (out[d] as number) / norm;
  return out;
}
