import type { ValidationCase } from '../data/trainingSequences';
import type { EventsBySequence } from '../data/eventSplit';
import { scoreHistory, type ModelContext } from '../model/intentModel';

/** 1-based rank of the target; ties go to the lower item index (the evaluation harness's rule). */
export function rankOf(scores: Float32Array, target: number): number {
  const t = scores[target]!;
  let rank = 1;
  for (let j = 0; j < scores.length; j += 1) {
    const s = scores[j]!;
    if (s > t || (s === t && j < target)) rank += 1;
  }
  return rank;
}

/** Mean NDCG@10 (full ranking, history not masked) over the validation cases; `events` for a model that reads them. */
export function validationNdcg(ctx: ModelContext, table: Float32Array, numItems: number, cases: readonly ValidationCase[], events?: EventsBySequence): number {
  if (cases.length === 0) return 0;
  const scores = new Float32Array(numItems);
  let sum = 0;
  for (const c of cases) {
    scoreHistory(ctx, table, c.history, scores, events?.get(c.history));
    const rank = rankOf(scores, c.target);
    if (rank <= 10) sum += 1 / Math.log2(rank + 1);
  }
  return sum / cases.length;
}
