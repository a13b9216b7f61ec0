/**
 * The baselines' few parameters, as the grid `<family>:auto` searches on the validation fold
 * (docs/EVALUATION.md). The first value of each family is its default.
 */
export const BASELINE_GRID: Record<'itemknn' | 'transitions' | 'vsknn', string[]> = {
  itemknn: ['itemknn', 'itemknn:lastN=1', 'itemknn:lastN=3', 'itemknn:lastN=10', 'itemknn:window=5', 'itemknn:lastN=3,window=5', 'itemknn:decay=0.6', 'itemknn:direction=forward'],
  transitions: ['transitions', 'transitions:backoffWeight=0.1', 'transitions:backoffWeight=0.3', 'transitions:lastN=3', 'transitions:lastN=10', 'transitions:decay=0.9'],
  vsknn: ['vsknn', 'vsknn:k=50', 'vsknn:k=500,sampleSize=5000', 'vsknn:weighting=quadratic', 'vsknn:idfWeighting=5', 'vsknn:k=500,sampleSize=5000,weighting=quadratic,idfWeighting=5'],
};

/** The specs `baseline:auto` compares: popularity and every family's grid. */
export function allBaselineSpecs(): string[] {
  return ['popularity', ...BASELINE_GRID.itemknn, ...BASELINE_GRID.transitions, ...BASELINE_GRID.vsknn];
}
