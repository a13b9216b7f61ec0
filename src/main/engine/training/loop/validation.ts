import { ndcgOfRank, rankOfTarget } from '../../datasets/target-rank';
import type { ValidationCase } from '../data/training-sequences';
import type { EventsBySequence } from '../data/event-split';
import { scoreHistory, type ModelContext } from '../model/intent-model';

/** Mean NDCG@10 (full ranking, history not masked) over the validation cases; `events` for a model that reads them. */
export function validationNdcg(ctx: ModelContext, table: Float32Array, numItems: number, cases: readonly ValidationCase[], events?: EventsBySequence): number {
  if (cases.length === 0) return 0;
  const scores = new Float32Array(numItems);
  let sum = 0;
  for (const c of cases) {
    scoreHistory(ctx, table, c.history, scores, events?.get(c.history));
    // The evaluation's rule: ties count against the target; a NaN score (a diverged run) throws.
    sum += ndcgOfRank(rankOfTarget(scores, c.target), 10);
  }
  return sum / cases.length;
}
