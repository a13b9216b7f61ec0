import type { TrainingData } from '../protocols/types';
import { indexOccurrences } from './item-occurrences';
import { buildSparseRows, type SparseRows } from './sparse-rows';

export interface ItemSimilarityOptions {
  /** Only pairs at most this many positions apart co-occur; 0 means anywhere in the sequence. */
  window: number;
  /** Pair weight = distanceDecay^(distance-1): 1 counts all pairs alike, < 1 favours adjacent items. */
  distanceDecay: number;
  /** 'forward' counts only j after i (order matters, e.g. Beauty); 'both' is the symmetric classic. */
  direction: 'both' | 'forward';
  /** Neighbours kept per item; bounds memory and scoring time. */
  neighbours: number;
}

/**
 * Item-item cosine over co-occurrence: sim(i,j) = co(i,j) / sqrt(n_i * n_j), with n the item's
 * occurrence count. Built row by row from an occurrence index, so the cost is the sum over
 * sequences of length x window rather than items squared.
 */
export function cosineItemSimilarity(train: TrainingData, o: ItemSimilarityOptions): SparseRows {
  const occ = indexOccurrences(train);
  const count = (i: number): number => (occ.offsets[i + 1] as number) - (occ.offsets[i] as number);
  const decayPow = Array.from({ length: 64 }, (_, d) => Math.pow(o.distanceDecay, Math.max(d - 1, 0)));
  return buildSparseRows(train.numItems, train.numItems, o.neighbours, (i, acc) => {
    const ni = Math.max(count(i), 1);
    for (let p = occ.offsets[i] as number; p < (occ.offsets[i + 1] as number); p += 1) {
      const seq = train.sequences[occ.sequence[p] as number] as Int32Array;
      const at = occ.position[p] as number;
      const from = o.direction === 'forward' ? at + 1 : o.window > 0 ? Math.max(0, at - o.window) : 0;
      const to = o.window > 0 ? Math.min(seq.length - 1, at + o.window) : seq.length - 1;
      for (let q = from; q <= to; q += 1) {
        const j = seq[q] as number;
        if (j === i) continue;
        const d = Math.abs(q - at);
        acc.add(j, d < 64 ? (decayPow[d] as number) : Math.pow(o.distanceDecay, d - 1));
      }
    }
    // Normalise the finished row in place: cosine needs both items' counts.
    acc.transform((j, v) => v / Math.sqrt(ni * count(j)));
  });
}
