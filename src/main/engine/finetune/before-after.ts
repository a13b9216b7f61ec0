import type { ServingIntentModel } from './serving-intent-model';
import type { TokenEvents } from '../training/data/sessionEvents';

/** Cases of the comparison: the newest shoppers' last item, from the history before it. */
const MAX_CASES = 2000;

/**
 * NDCG@10 of each model on the same held-out cases (every sequence's last item, which training
 * used only for early stopping), so a new version is compared with the serving one on one window.
 * A model that reads event types and gaps gets each history's (`events`, aligned with `sequences`).
 */
export function heldOutNdcg(model: ServingIntentModel, itemIds: readonly string[], sequences: readonly Int32Array[], events?: readonly TokenEvents[]): { ndcg10: number; cases: number } {
  const from = Math.max(0, sequences.length - MAX_CASES);
  const cases = sequences.slice(from);
  let sum = 0;
  cases.forEach((seq, k) => {
    const n = seq.length - 1;
    const target = itemIds[seq[n]!]!;
    const e = events?.[from + k];
    const history = Array.from(seq.subarray(0, n), (i) => itemIds[i]!);
    const hits = model.usesEvents && e !== undefined ? model.candidatesForTokens(history, { types: e.types.subarray(0, n), gaps: e.gaps.subarray(0, n) }, 10) : model.candidates(history, 10);
    const rank = hits.findIndex((h) => h.itemId === target);
    if (rank >= 0) sum += 1 / Math.log2(rank + 2);
  });
  return { ndcg10: cases.length ? sum / cases.length : 0, cases: cases.length };
}
