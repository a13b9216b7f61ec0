import { ndcgOfRank, rankOfTarget } from '../../datasets/target-rank';
import { createRecommender } from '../baselines/model-catalog';
import type { EvalFold } from '../protocols/types';
import { sampleEvalCases } from './sample-cases';
import { allBaselineSpecs, BASELINE_GRID } from './baseline-grid';
import type { AutoFamily } from './auto-spec';
import type { AutoChoice } from './auto-choice';
import { nextTurn } from '../../workers/time-slices';

/** Cases scored per configuration (a seeded sample of the validation fold; the chosen one is then evaluated on all). */
const GRID_CASES = 5000;

/**
 * Chooses a baseline's parameters on the validation fold: every spec of the family's grid
 * (baseline-grid.ts) is fitted on the fold's training data and scored (NDCG@10, the evaluation's
 * rank rule) on the same seeded sample of its cases; the best wins. Specs past the budget are
 * skipped and listed. Yields between specs.
 */
export async function selectBaseline(family: Exclude<AutoFamily, 'intent'>, fold: EvalFold, budgetSeconds: number, log: (line: string) => void): Promise<AutoChoice> {
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  const specs = family === 'baseline' ? allBaselineSpecs() : BASELINE_GRID[family];
  const cases = sampleEvalCases(fold.cases, GRID_CASES, 17);
  const trials: Record<string, unknown>[] = [];
  const dropped: string[] = [];
  let best: { spec: string; ndcg10: number } | null = null;
  for (const spec of specs) {
    if (best !== null && elapsed() > budgetSeconds) {
      dropped.push(`${spec} (budget)`);
      continue;
    }
    const t = performance.now();
    const model = createRecommender(spec);
    model.fit(fold.train);
    let buffer: Float32Array = new Float32Array(fold.train.numItems);
    let sum = 0;
    let hits = 0;
    for (const c of cases) {
      buffer = model.scoreAll(c.history, buffer);
      const rank = rankOfTarget(buffer, c.target);
      sum += ndcgOfRank(rank, 10);
      if (rank <= 10) hits += 1;
    }
    const ndcg10 = sum / Math.max(1, cases.length);
    trials.push({ spec, modelName: model.name, ndcg10, hr10: hits / Math.max(1, cases.length), cases: cases.length, seconds: (performance.now() - t) / 1000 });
    log(`auto: ${spec} NDCG@10 ${ndcg10.toFixed(4)} on ${cases.length} validation cases`);
    if (best === null || ndcg10 > best.ndcg10) best = { spec, ndcg10 };
    await nextTurn();
  }
  const chosen = best!;
  return {
    spec: chosen.spec,
    recommender: null,
    selection: { spec: chosen.spec, candidate: chosen.spec, seconds: elapsed(), budgetSeconds, decisions: { dropped, rule: `highest NDCG@10 on ${cases.length} validation cases` }, trials },
  };
}
