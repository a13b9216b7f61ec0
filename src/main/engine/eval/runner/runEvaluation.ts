import { createRecommender } from '../baselines/modelCatalog';
import { loadSplit, type LoadedSplit } from '../datasets/loadSplit';
import type { EvalFold } from '../protocols/types';
import { evaluateFold, type FoldEvaluation } from './evaluateFold';
import type { EvaluationResult } from './evaluationResult';
import { round, summariseMode } from './summarise';

export interface EvaluationRequest {
  dataset: string;
  model: string;
  /** Headline mode; the other is reported as `alternate`. Unmasked is the project's headline. */
  masked: boolean;
  /** 'validation' is for choosing hyperparameters; 'test' only for reporting. */
  fold: 'test' | 'validation';
  resamples: number;
  seed: number;
  coldMaxCount: number;
  maxCases?: number;
}

export const REQUEST_DEFAULTS = { masked: false, fold: 'test', resamples: 1000, seed: 42, coldMaxCount: 5 } as const;

export interface EvaluationRun {
  result: EvaluationResult;
  /** Raw per-case values, for paired comparisons. */
  evaluation: FoldEvaluation;
  loaded: LoadedSplit;
}

/** Loads a dataset (or reuses a loaded one), evaluates one model on one fold and summarises it. */
export async function runEvaluation(request: EvaluationRequest, preloaded?: LoadedSplit): Promise<EvaluationRun> {
  const loadStart = performance.now();
  const loaded = preloaded ?? (await loadSplit(request.dataset));
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const fold: EvalFold = request.fold === 'test' ? loaded.split.test : loaded.split.validation;
  const model = createRecommender(request.model);
  const prepareStart = performance.now();
  await model.prepare?.({ source: request.dataset, itemIds: loaded.split.itemIds, train: fold.train });
  const prepareSeconds = (performance.now() - prepareStart) / 1000;
  const evaluation = evaluateFold(model, fold, { coldMaxCount: request.coldMaxCount, maxCases: request.maxCases });
  // Learned models train in prepare(): count it as fitting time.
  evaluation.fitSeconds += prepareSeconds;
  const [head, other] = request.masked ? [evaluation.masked, evaluation.unmasked] : [evaluation.unmasked, evaluation.masked];
  const summary = summariseMode(head, request.resamples, request.seed);
  const result: EvaluationResult = {
    schemaVersion: 1,
    dataset: loaded.split.dataset,
    protocol: loaded.split.protocol,
    fold: request.fold,
    model: request.model,
    modelName: model.name,
    masked: request.masked,
    cases: evaluation.caseIds.length,
    metrics: summary.metrics,
    ci: summary.ci,
    alternate: { masked: !request.masked, metrics: summariseMode(other, 0, request.seed).metrics },
    beyondAccuracy: {
      coverage: round(head.exposure.coverage),
      popularityPercentile: round(head.exposure.popularityPercentile),
      coldExposure: round(head.exposure.coldExposure),
    },
    bootstrap: { resamples: request.resamples, seed: request.seed },
    timings: { loadSeconds: round(loadSeconds), fitSeconds: round(evaluation.fitSeconds), scoreSeconds: round(evaluation.scoreSeconds) },
    importRejections: loaded.reports.reduce((n, r) => n + r.rejectedCount, 0),
    date: new Date().toISOString(),
  };
  return { result, evaluation, loaded };
}
