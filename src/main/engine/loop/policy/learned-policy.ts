import { CHANNELS, type FusionWeights } from '../../../../shared/contract';
import type { ListContext, ScoringPolicy } from '../ope/scoring-policy';
import { contextWeights, POLICY_FEATURES } from './policy-features';

/**
 * A ranking policy learned from rewards: fusion weights that depend on the list's context
 * (purchase probability, cold start), fitted to the position-debiased reward of what shoppers were
 * shown. Served through the ranker like any weights: rules apply on top, explanations add up.
 */
export class LearnedPolicy implements ScoringPolicy {
  constructor(
    readonly name: string,
    readonly coefficients: readonly number[],
  ) {
    if (coefficients.length !== POLICY_FEATURES || coefficients.some((c) => !Number.isFinite(c))) {
      throw new Error(`policy ${name}: expected ${POLICY_FEATURES} finite coefficients, got ${coefficients.length}`);
    }
  }

  weightsFor(context: ListContext): FusionWeights {
    return contextWeights(this.coefficients, context);
  }

  /** Scores a logged item as the ranker would serve it: context weights x channel scores, plus the rules' effect. */
  score(features: Float32Array, context: ListContext): number {
    const w = this.weightsFor(context);
    let s = features[CHANNELS.length] ?? 0;
    CHANNELS.forEach((c, j) => (s += w[c] * (features[j] as number)));
    return s;
  }
}
