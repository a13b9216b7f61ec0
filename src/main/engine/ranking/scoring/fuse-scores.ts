import { CHANNELS, type ChannelScores, type FusionWeights } from '../../../../shared/contract/recommendations';
import type { FusedCandidate, RankingCandidate } from './candidate';

/** Adds up numbers in CHANNELS order; scores and their explanations both use this so they agree exactly. */
export function sumChannels(values: Readonly<ChannelScores>): number {
  let total = 0;
  for (const c of CHANNELS) total += values[c];
  return total;
}

/**
 * The explanation of a fused score: contribution[c] = weight[c] x score[c]. A score that is not a
 * finite number counts as 0 so one broken channel cannot poison a list.
 */
export function contributionsOf(s: Readonly<ChannelScores>, w: Readonly<FusionWeights>): ChannelScores {
  // Written out (not a loop over CHANNELS) so every explanation object has one fixed shape.
  return {
    text: w.text * finite(s.text),
    visual: w.visual * finite(s.visual),
    behaviour: w.behaviour * finite(s.behaviour),
    popularity: w.popularity * finite(s.popularity),
    recency: w.recency * finite(s.recency),
    priceFit: w.priceFit * finite(s.priceFit),
    purchaseIntent: w.purchaseIntent * finite(s.purchaseIntent),
  };
}

/**
 * Pure fusion: fused = the sum of the contributions, added in CHANNELS order from the very products
 * contributionsOf returns, so sumChannels(contributionsOf(...)) is the fused score bit for bit. The
 * contributions themselves are built only for the items a list shows (a hot path: every candidate
 * of every list is fused, about a tenth is shown).
 */
export function fuseScores(candidates: readonly RankingCandidate[], weights: Readonly<FusionWeights>): FusedCandidate[] {
  const w = weights;
  return candidates.map((candidate) => {
    const s = candidate.scores;
    let fused = 0;
    fused += w.text * finite(s.text);
    fused += w.visual * finite(s.visual);
    fused += w.behaviour * finite(s.behaviour);
    fused += w.popularity * finite(s.popularity);
    fused += w.recency * finite(s.recency);
    fused += w.priceFit * finite(s.priceFit);
    fused += w.purchaseIntent * finite(s.purchaseIntent);
    return { candidate, fused };
  });
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
