import { CHANNELS } from '../../../../shared/contract/recommendations';
import type { RuledCandidate } from '../rules/ruled-candidate';

/** Floats kept per considered item: each channel's raw score, then the rules' total effect on its score. */
export const FEATURES_PER_ITEM = CHANNELS.length + 1;

/**
 * What ranked each item, compactly (about 32 bytes an item): the raw channel scores and the rules'
 * effect, so a list can be scored again under other weights (off-policy estimates) and learned from.
 */
export function candidateFeatures(items: readonly RuledCandidate[]): Float32Array {
  const out = new Float32Array(items.length * FEATURES_PER_ITEM);
  items.forEach((r, i) => {
    const base = i * FEATURES_PER_ITEM;
    CHANNELS.forEach((c, j) => (out[base + j] = Number.isFinite(r.candidate.scores[c]) ? r.candidate.scores[c] : 0));
    out[base + CHANNELS.length] = r.score - r.fused;
  });
  return out;
}

/** The features of the n-th considered item of a logged list. */
export function featuresAt(features: Float32Array, n: number): Float32Array {
  return features.subarray(n * FEATURES_PER_ITEM, (n + 1) * FEATURES_PER_ITEM);
}
