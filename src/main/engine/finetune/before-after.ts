import type { ServingIntentModel } from './serving-intent-model';

/** Cases of the comparison: the newest shoppers' last item, from the history before it. */
const MAX_CASES = 2000;

/**
 * NDCG@10 of each model on the same held-out cases (every sequence's last item, which training
 * used only for early stopping), so a new version is compared with the serving one on one window.
 */
export function heldOutNdcg(model: ServingIntentModel, itemIds: readonly string[], sequences: readonly Int32Array[]): { ndcg10: number; cases: number } {
  const cases = sequences.slice(-MAX_CASES);
  let sum = 0;
  for (const seq of cases) {
    const history = Array.from(seq.subarray(0, seq.length - 1), (i) => itemIds[i]!);
    const target = itemIds[seq[seq.length - 1]!]!;
    const rank = model.candidates(history, 10).findIndex((h) => h.itemId === target);
    if (rank >= 0) sum += 1 / Math.log2(rank + 2);
  }
  return { ndcg10: cases.length ? sum / cases.length : 0, cases: cases.length };
}
