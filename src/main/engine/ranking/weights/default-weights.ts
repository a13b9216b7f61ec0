import type { FusionWeights } from '../../../../shared/contract/recommendations';

/**
 * Version 1 of the fusion weights, written when a store has none. What the shopper is looking at
 * now (text and behaviour) leads; popularity and recency break ties; price fit keeps the list near
 * the session's price band; visual and purchase intent start modest until their models are tuned.
 */
export const DEFAULT_FUSION_WEIGHTS: Readonly<FusionWeights> = Object.freeze({
  text: 1,
  visual: 0.5,
  behaviour: 1,
  popularity: 0.3,
  recency: 0.2,
  priceFit: 0.4,
  purchaseIntent: 0.2,
});
