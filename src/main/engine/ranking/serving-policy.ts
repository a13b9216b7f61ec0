import type { FusionWeights } from '../../../shared/contract/recommendations';

/**
 * What ranks one list: the weights, the rules left out, and where the choice came from (the
 * weights in force, an experiment arm, a learned policy). The Ranker applies it and logs it.
 */
export interface ServingPolicy {
  /** version 0 = weights that are not a stored version (a learned policy's, or the holdout's). */
  readonly weights: { readonly version: number; readonly weights: FusionWeights };
  /** Rules not applied to this list (an experiment arm's exclusions). */
  readonly excludeRules: ReadonlySet<string>;
  /** Only filter rules apply: the holdout's non-merchandised list. */
  readonly filtersOnly: boolean;
  /** 'weights', 'holdout', or a learned policy version. */
  readonly ranking: string;
  readonly experiment: { readonly experimentId: string; readonly armId: string } | null;
}

/** The holdout arm: ranked by popularity alone, so it shows what the personalisation adds. */
export const HOLDOUT_WEIGHTS: FusionWeights = { text: 0, visual: 0, behaviour: 0, popularity: 1, recency: 0, priceFit: 0, purchaseIntent: 0 };
