import { emptyCounts } from '../metrics/loop-counts';
import type { LoopCounts } from '../../../../shared/contract';
import { seededRandom } from '../../datasets/seeded-random';
import { armIndexAt, cumulativeShares } from './experiment-assignment';
import { banditShares, probabilityBest, rewardPosteriors } from './thompson-allocation';

export interface BanditSimulationOptions {
  /** True click-through rate of each arm (one shown item per impression). */
  ctrs: readonly number[];
  /** Impressions served between two re-allocations (the engine re-allocates about once a second). */
  batch: number;
  /** Impressions in all. */
  impressions: number;
  floor: number;
  seed: number;
  /** Share of the best arm to report reaching (0.8). */
  target?: number;
  draws?: number;
}

export interface BanditSimulationResult {
  bestArm: number;
  /** Impressions served when the best arm's share first reached `target`; null if it never did. */
  impressionsToTarget: number | null;
  /** Share of the best arm after the last batch. */
  finalBestShare: number;
  /** Share of the best arm over all impressions served. */
  servedBestShare: number;
  /** The smallest share any arm was given. */
  lowestShare: number;
  trajectory: { impressions: number; shares: number[] }[];
}

/**
 * Thompson sampling on simulated arms with known click-through rates, re-allocated in batches
 * as the engine does: the check behind `bandit_best_arm_share` and the tests.
 */
export function simulateBandit(o: BanditSimulationOptions): BanditSimulationResult {
  const random = seededRandom(o.seed);
  const k = o.ctrs.length;
  const counts: LoopCounts[] = o.ctrs.map(() => emptyCounts());
  const bestArm = o.ctrs.reduce((best, ctr, i) => (ctr > (o.ctrs[best] ?? -Infinity) ? i : best), 0);
  const target = o.target ?? 0.8;
  let shares = new Array<number>(k).fill(1 / k);
  let served = 0;
  let impressionsToTarget: number | null = null;
  let lowestShare = Math.min(...shares);
  const trajectory: BanditSimulationResult['trajectory'] = [];
  for (let update = 1; served < o.impressions; update++) {
    const cumulative = cumulativeShares(shares) ?? [];
    const n = Math.min(o.batch, o.impressions - served);
    for (let i = 0; i < n; i++) {
      const index = armIndexAt(random(), cumulative);
      const arm = counts[index] as LoopCounts;
      const ctr = o.ctrs[index] ?? 0;
      arm.lists++;
      arm.items++;
      if (random() < ctr) {
        arm.clicks++;
        arm.clickedItems++;
        arm.clickedLists++;
      }
    }
    served += n;
    shares = banditShares(probabilityBest(rewardPosteriors(counts, 'ctr'), { seed: o.seed * 7919 + update, draws: o.draws ?? 4000 }), o.floor);
    lowestShare = Math.min(lowestShare, ...shares);
    trajectory.push({ impressions: served, shares });
    if (impressionsToTarget === null && (shares[bestArm] ?? 0) >= target) impressionsToTarget = served;
  }
  const bestServed = counts[bestArm]?.items ?? 0;
  return { bestArm, impressionsToTarget, finalBestShare: shares[bestArm] ?? 0, servedBestShare: bestServed / Math.max(1, served), lowestShare, trajectory };
}
