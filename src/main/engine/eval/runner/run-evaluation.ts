import { createRecommender } from '../baselines/model-catalog';
import type { Recommender } from '../baselines/recommender';
import { loadSplit, type LoadedSplit } from '../splits/load-split';
import type { EvalFold } from '../protocols/types';
import { evaluateFold, type FoldEvaluation } from './evaluate-fold';
import type { EvaluationResult } from './evaluation-result';
import { round, summariseMode } from './summarise';

export interface EvaluationRequest {
  dataset: string;
  /** The model as named (what results are filed under: `intent:auto`, `transitions`, ...). */
  model: string;
  /** What is built and trained when it differs from `model` (a frozen selection, a seed run's spec). */
  spec?: string;
  /** Headline mode; the other is reported as `alternate`. Unmasked is the project's headline. */
  masked: boolean;
  /** 'validation' is for choosing hyperparameters; 'test' only for reporting. */
  fold: 'test' | 'validation';
  resamples: number;
  seed: number;
  coldMaxCount: number;
  maxCases?: number;
}

/** Validation is the default fold: the test fold is for frozen configurations only (eval/protocol/frozen-configs.ts). */
export const REQUEST_DEFAULTS = { masked: false, fold: 'validation', resamples: 1000, seed: 42, coldMaxCount: 5 } as const;

export interface EvaluationRun {
  result: EvaluationResult;
  /** Raw per-case values, for paired comparisons. */
  evaluation: FoldEvaluation;
  loaded: LoadedSplit;
}

/**
 * Loads a dataset (or reuses a loaded one), evaluates one model on one fold and summarises it.
 * `prepared` is a model already trained on this fold (an automatic selection's choice): it is
 * evaluated as it is, without `prepare`.
 */
export async function runEvaluation(request: EvaluationRequest, preloaded?: LoadedSplit, prepared?: Recommender): Promise<EvaluationRun> {
  const loadStart = performance.now();
  const loaded = preloaded ?? (await loadSplit(request.dataset));
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const fold: EvalFold = request.fold === 'test' ? loaded.split.test : loaded.split.validation;
  const model = prepared ?? createRecommender(request.spec ?? request.model);
  const prepareStart = performance.now();
  if (prepared === undefined) await model.prepare?.({ source: request.dataset, itemIds: loaded.split.itemIds, train: fold.train });
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
