import { performance } from 'node:perf_hooks';
import { ndcgOfRank, rankOfTarget } from '../../datasets/target-rank';
import { shuffledOrder } from '../data/batches';
import { seededRandom } from '../../datasets/seeded-random';
import type { TrainedIntentModel } from '../checkpoint/checkpoint';
import { catalogueTable } from '../model/catalogue-table';
import { scoreHistory, type ModelContext } from '../model/intent-model';
import type { TextTable } from '../model/item-vectors';
import type { SelectionCase } from './selection-data';
import { nextTurn } from '../../workers/time-slices';

/** NDCG@10 and HR@10 (full ranking, history not masked, the evaluation's rank rule). */
export interface CaseFigures {
  ndcg10: number;
  hr10: number;
  cases: number;
}

/** A seeded sample of at most `max` cases (all when there are fewer), the same for every candidate. */
export function sampleCases(cases: readonly SelectionCase[], max: number, seed: number): SelectionCase[] {
  if (max <= 0 || cases.length <= max) return [...cases];
  const order = shuffledOrder(cases.length, seededRandom(seed));
  return Array.from(order.subarray(0, max), (i) => cases[i]!);
}

/** Work between two turns of the event loop, ms. */
export const SLICE_MS = 10;

interface Scorer {
  ctx: ModelContext;
  table: Float32Array;
}

function scorerOf(model: TrainedIntentModel, text: TextTable | null): Scorer {
  const memberText = model.config.useText ? text : null;
  return { ctx: { params: model.params, config: model.config, text: memberText, attributes: model.attributes ?? null }, table: catalogueTable(model, memberText) };
}

/**
 * Scores several variants on the same cases in one pass: each variant is a list of models whose
 * scores (logits) are averaged (one model, or a seed ensemble), and each model is run once per case
 * however many variants share it. Yields to the event loop whenever a slice of SLICE_MS has been
 * spent (a case costs each model one forward pass and a dot product with the whole catalogue).
 */
export async function scoreVariants(variants: readonly (readonly TrainedIntentModel[])[], text: TextTable | null, cases: readonly SelectionCase[]): Promise<CaseFigures[]> {
  const models = [...new Set(variants.flat())];
  const scorers = new Map(models.map((m) => [m, scorerOf(m, text)]));
  const numItems = models[0]?.numItems ?? 0;
  const memberScores = new Map(models.map((m) => [m, new Float32Array(numItems)]));
  const mixed = new Float32Array(numItems);
  const sums = variants.map(() => ({ ndcg: 0, hits: 0 }));
  let sliceStart = performance.now();
  for (let c = 0; c < cases.length; c += 1) {
    const k = cases[c]!;
    for (const m of models) {
      const s = scorers.get(m)!;
      scoreHistory(s.ctx, s.table, k.history, memberScores.get(m)!, s.ctx.config.events === true ? k.events : undefined);
    }
    variants.forEach((variant, v) => {
      let scores: Float32Array;
      if (variant.length === 1) scores = memberScores.get(variant[0]!)!;
      else {
        mixed.fill(0);
        for (const m of variant) {
          const ms = memberScores.get(m)!;
          for (let j = 0; j < numItems; j += 1) mixed[j] = mixed[j]! + ms[j]!;
        }
        scores = mixed;
      }
      const rank = rankOfTarget(scores, k.target);
      sums[v]!.ndcg += ndcgOfRank(rank, 10);
      if (rank <= 10) sums[v]!.hits += 1;
    });
    // In a fine-tune job this runs on the engine's thread: never more than a slice before the loop turns.
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  const n = Math.max(1, cases.length);
  return sums.map((s) => ({ ndcg10: s.ndcg / n, hr10: s.hits / n, cases: cases.length }));
}
