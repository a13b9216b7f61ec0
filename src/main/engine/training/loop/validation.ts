import { ndcgOfRank, rankOfTarget } from '../../datasets/target-rank';
import type { ValidationCase } from '../data/training-sequences';
import type { EventsBySequence } from '../data/event-split';
import { applyRepeatTerm, encodeHistory, scoreHistory, type ModelContext } from '../model/intent-model';
import type { LinearOps } from '../model/linear-ops';

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

/** Cases scored per GEMM by `validationNdcgBatched`: 64 × 100,000 items is a 25 MB score block. */
export const VALIDATION_BATCH = 64;

/**
 * `validationNdcg` with the catalogue scored by one GEMM per `batch` cases (`linear.forward`:
 * intents [B, d] × item table [N, d]ᵀ + bias, on ONNX Runtime in training): the same cases, the
 * same intent vectors, repeat term and rank rule; the scores equal the one-by-one dot products up
 * to float rounding (a different summation order). At 100,000 items that is ~6.4 M multiply-adds a
 * case, which the TypeScript loop did at well under 1 GMAC/s.
 */
export async function validationNdcgBatched(ctx: ModelContext, table: Float32Array, numItems: number, cases: readonly ValidationCase[], linear: LinearOps, events?: EventsBySequence, batch = VALIDATION_BATCH): Promise<number> {
  if (cases.length === 0) return 0;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`validation batch ${batch} must be a positive integer`);
  const d = ctx.config.dim;
  if (table.length !== numItems * d) throw new Error(`validation: item table of ${table.length} values for ${numItems} items of width ${d}`);
  const bias = ctx.params.get('item.bias').value;
  let sum = 0;
  for (let from = 0; from < cases.length; from += batch) {
    const chunk = cases.slice(from, from + batch);
    const intents = new Float32Array(chunk.length * d);
    chunk.forEach((c, k) => intents.set(encodeHistory(ctx, table, c.history, events?.get(c.history)), k * d));
    const scores = await linear.forward(intents, table, bias, chunk.length, d, numItems);
    chunk.forEach((c, k) => {
      const row = applyRepeatTerm(ctx, c.history, scores.subarray(k * numItems, (k + 1) * numItems));
      sum += ndcgOfRank(rankOfTarget(row, c.target), 10);
    });
  }
  return sum / cases.length;
}
