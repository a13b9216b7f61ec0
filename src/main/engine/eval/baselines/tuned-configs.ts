/**
 * The best baseline per set, as the benchmark names it: the choices of `baseline:auto` on the
 * validation fold (2026-12-05), frozen in eval/frozen/<dataset>.json under the key `baseline:auto`
 * (docs/EVALUATION.md). A test run always goes through the frozen file, never through these names.
 */
export const BEAUTY_BEST = 'transitions:decay=0.9';
export const SCIENTIFIC_BEST = 'itemknn:window=5';
