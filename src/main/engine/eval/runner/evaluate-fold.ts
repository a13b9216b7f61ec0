import type { Recommender } from '../baselines/recommender';
import { itemCounts } from '../baselines/recommender';
import { hitAt, mrrAt, ndcgAt } from '../metrics/accuracy';
import { ExposureTracker, type ExposureSummary } from '../metrics/exposure';
import { rankOfTarget, topK } from '../metrics/ranking';
import type { EvalFold } from '../protocols/types';
import { CUTOFFS, MAX_CUTOFF, METRIC_NAMES } from './metric-names';

/** Per-case metric values for one masking mode, keyed like `NDCG@10`, plus its exposure figures. */
export interface ModeResult {
  perCase: Map<string, Float64Array>;
  exposure: ExposureSummary;
}

export interface FoldEvaluation {
  caseIds: string[];
  unmasked: ModeResult;
  /** History items removed from the ranking (a repeated target then counts as a miss). */
  masked: ModeResult;
  fitSeconds: number;
  scoreSeconds: number;
}

export interface FoldOptions {
  /** Items with at most this many training interactions count as cold for exposure. */
  coldMaxCount: number;
  /** Evaluate only the first N cases (quick checks); undefined = all. */
  maxCases?: number;
}

/**
 * Fits a model on the fold's training data and ranks every case's target against the full
 * catalogue, with and without history masking, from one scoring pass per case.
 */
export function evaluateFold(model: Recommender, fold: EvalFold, options: FoldOptions): FoldEvaluation {
  const fitStart = performance.now();
  model.fit(fold.train);
  const fitSeconds = (performance.now() - fitStart) / 1000;
  const cases = options.maxCases === undefined ? fold.cases : fold.cases.slice(0, options.maxCases);
  const counts = itemCounts(fold.train);
  const modes = [newMode(cases.length, counts, options), newMode(cases.length, counts, options)] as const;
  let buffer: Float32Array = new Float32Array(fold.train.numItems);
  const scoreStart = performance.now();
  cases.forEach((c, i) => {
    buffer = model.scoreAll(c.history, buffer);
    record(modes[0], i, buffer, c.target);
    for (const item of c.history) buffer[item] = Number.NEGATIVE_INFINITY;
    record(modes[1], i, buffer, c.target);
  });
  const scoreSeconds = (performance.now() - scoreStart) / 1000;
  return {
    caseIds: cases.map((c) => c.caseId),
    unmasked: { perCase: modes[0].perCase, exposure: modes[0].tracker.summary() },
    masked: { perCase: modes[1].perCase, exposure: modes[1].tracker.summary() },
    fitSeconds,
    scoreSeconds,
  };
}

interface ModeState {
  perCase: Map<string, Float64Array>;
  tracker: ExposureTracker;
}

function newMode(n: number, counts: Float64Array, options: FoldOptions): ModeState {
  return { perCase: new Map(METRIC_NAMES.map((name) => [name, new Float64Array(n)])), tracker: new ExposureTracker(counts, options.coldMaxCount) };
}

function record(mode: ModeState, i: number, scores: Float32Array, target: number): void {
  const rank = rankOfTarget(scores, target);
  for (const k of CUTOFFS) {
    set(mode, `HR@${k}`, i, hitAt(rank, k));
    set(mode, `NDCG@${k}`, i, ndcgAt(rank, k));
    set(mode, `MRR@${k}`, i, mrrAt(rank, k));
    // One held-out item per case: Recall@K is HR@K (kept as a column so tables line up with RecBole's).
    set(mode, `Recall@${k}`, i, hitAt(rank, k));
  }
  mode.tracker.add(topK(scores, MAX_CUTOFF));
}

function set(mode: ModeState, name: string, i: number, value: number): void {
  const column = mode.perCase.get(name);
  if (column !== undefined) column[i] = value;
}
