import { CHANNELS, type ChannelScores, type FusionWeights } from '../../../../shared/contract/recommendations';
import type { FusedCandidate, RankingCandidate } from './candidate';

/** Adds up numbers in CHANNELS order; scores and their explanations both use this so they agree exactly. */
export function sumChannels(values: Readonly<ChannelScores>): number {
  let total = 0;
  for (const c of CHANNELS) total += values[c];
  return total;
}

/**
 * Pure fusion: contribution[c] = weight[c] x score[c]; fused = the sum of contributions. A score
 * that is not a finite number counts as 0 so one broken channel cannot poison a list.
 */
export function fuseScores(candidates: readonly RankingCandidate[], weights: Readonly<FusionWeights>): FusedCandidate[] {
  const w = weights;
  return candidates.map((candidate) => {
    const s = candidate.scores;
    // Written out (not a loop over CHANNELS) so every explanation object has one fixed shape: a hot path.
    const contributions: ChannelScores = {
      text: w.text * finite(s.text),
      visual: w.visual * finite(s.visual),
      behaviour: w.behaviour * finite(s.behaviour),
      popularity: w.popularity * finite(s.popularity),
      recency: w.recency * finite(s.recency),
      priceFit: w.priceFit * finite(s.priceFit),
      purchaseIntent: w.purchaseIntent * finite(s.purchaseIntent),
    };
    return { candidate, contributions, fused: sumChannels(contributions) };
  });
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : 0;
}
