/**
 * The evaluation capability as the rest of the engine sees it: run an evaluation, and list the
 * stored results (for the console's quality views). Everything else in eval/ is internal.
 */
export { listEvalResults, storeEvalResult, DEFAULT_RESULTS_DIR, type StoredEvalResult } from './runner/resultsStore';
export { runEvaluation, REQUEST_DEFAULTS, type EvaluationRequest } from './runner/runEvaluation';
export { EvaluationResult } from './runner/evaluationResult';
export { createRecommender, MODEL_NAMES } from './baselines/modelCatalog';
export type { Recommender } from './baselines/recommender';
export { loadSplit } from './datasets/loadSplit';
export { comparePaired, type PairedComparison } from './metrics/pairedComparison';
