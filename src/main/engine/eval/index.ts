/**
 * The evaluation capability as the rest of the engine sees it: run an evaluation, and list the
 * stored results (for the console's quality views). Everything else in eval/ is internal.
 */
export { listEvalResults, storeEvalResult, DEFAULT_RESULTS_DIR, type StoredEvalResult } from './runner/results-store';
export { runEvaluation, REQUEST_DEFAULTS, type EvaluationRequest } from './runner/run-evaluation';
export { EvaluationResult } from './runner/evaluation-result';
export { createRecommender, MODEL_NAMES } from './baselines/model-catalog';
export type { Recommender } from './baselines/recommender';
export { loadSplit } from './splits/load-split';
export { comparePaired, type PairedComparison } from './metrics/paired-comparison';
