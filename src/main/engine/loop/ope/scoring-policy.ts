import { CHANNELS, type FusionWeights } from '../../../../shared/contract';
import { FEATURES_PER_ITEM } from '../../ranking';

/** What a logged list tells about its context, besides its items' features. */
export interface ListContext {
  readonly slot: string;
  /** The session's purchase probability when the list was served. */
  readonly purchaseIntent: number;
  readonly coldStart: boolean;
}

/**
 * A ranking policy as off-policy evaluation and learning see it: a score for each considered item
 * of a logged list (its features: the channel scores, then the rules' effect, FEATURES_PER_ITEM
 * floats), higher first. Fusion weights and learned policies both are one.
 */
export interface ScoringPolicy {
  readonly name: string;
  score(features: Float32Array, context: ListContext): number;
}

/** Fusion weights as a scoring policy: weight x channel score summed, plus the rules' effect (as the ranker scores). */
export function weightsPolicy(weights: FusionWeights, name = 'weights'): ScoringPolicy {
  const w = CHANNELS.map((c) => weights[c]);
  return {
    name,
    score(features: Float32Array): number {
      let s = features[FEATURES_PER_ITEM - 1] ?? 0;
      for (let j = 0; j < w.length; j++) s += (w[j] as number) * (features[j] as number);
      return s;
    },
  };
}
