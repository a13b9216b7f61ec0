import { CHANNELS, type FusionWeights } from '../../../../shared/contract';
import type { ListContext } from '../ope/scoring-policy';

/**
 * What a learned policy scores an item with: each channel's score as it is, times the session's
 * purchase probability, and for a shopper with no history (cold start). A linear model over these
 * is fusion weights that depend on the list's context, so the ranker applies it unchanged and an
 * explanation still adds up: weight(context) x channel score, per channel, plus the rules' effects.
 */
export const FEATURE_GROUPS = ['base', 'purchaseIntent', 'coldStart'] as const;
export const POLICY_FEATURES = 1 + FEATURE_GROUPS.length * CHANNELS.length;

export function featureNames(): string[] {
  return ['intercept', ...FEATURE_GROUPS.flatMap((g) => CHANNELS.map((c) => (g === 'base' ? c : `${c}*${g}`)))];
}

/** Writes an item's policy features into `out` (length POLICY_FEATURES) from its logged channel scores and the list's context. */
export function policyFeatures(channelScores: Float32Array, context: ListContext, out: Float64Array): Float64Array {
  const n = CHANNELS.length;
  const intent = context.purchaseIntent;
  const cold = context.coldStart ? 1 : 0;
  out[0] = 1;
  for (let j = 0; j < n; j++) {
    const s = channelScores[j] as number;
    out[1 + j] = s;
    out[1 + n + j] = s * intent;
    out[1 + 2 * n + j] = s * cold;
  }
  return out;
}

/** The fusion weights a coefficient vector amounts to in one list's context. */
export function contextWeights(coefficients: readonly number[], context: ListContext): FusionWeights {
  const n = CHANNELS.length;
  const cold = context.coldStart ? 1 : 0;
  const out = {} as FusionWeights;
  CHANNELS.forEach((c, j) => {
    out[c] = (coefficients[1 + j] as number) + (coefficients[1 + n + j] as number) * context.purchaseIntent + (coefficients[1 + 2 * n + j] as number) * cold;
  });
  return out;
}
