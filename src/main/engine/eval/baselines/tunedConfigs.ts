/**
 * Configurations chosen on the validation fold (never on test) by the grid in docs/EVALUATION.md.
 * Kept as data so the CLI, the bench and the console name the same models.
 */
export const BEAUTY_BEST = 'transitions';
export const SCIENTIFIC_BEST = 'itemknn';
