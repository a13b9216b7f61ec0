import type { ExperimentReward, LoopCounts } from '../../../../shared/contract';
import { seededRandom } from '../../datasets/seeded-random';
import { betaDraw, normalSource, type Uniform } from './posterior-draws';

/**
 * Thompson sampling over the arms: each arm's reward has a posterior; an arm's traffic follows the
 * probability that it is the best, estimated by drawing once from every posterior many times and
 * counting which arm drew highest. Every arm keeps a floor, so all go on being measured:
 *
 *     share_i = floor + (1 − n · floor) · P(arm i is best)
 */
export type RewardPosterior = { kind: 'beta'; a: number; b: number } | { kind: 'normal'; mean: number; sd: number };

/** Monte-Carlo draws per arm for P(best): the estimate's standard error is at most 0.008. */
export const DEFAULT_DRAWS = 4_000;

/**
 * The posterior of each arm's reward. CTR: Beta(1 + clicked items, 1 + shown items not clicked);
 * conversion: Beta(1 + lists with a purchase, 1 + lists without); revenue per list: normal around
 * the mean with the standard error of the mean (flat prior), the arms' pooled variance standing in
 * for an arm with fewer than two lists.
 */
export function rewardPosteriors(arms: readonly Readonly<LoopCounts>[], reward: ExperimentReward): RewardPosterior[] {
  if (reward === 'ctr') return arms.map((c) => beta(c.clickedItems, c.items));
  if (reward === 'conversion') return arms.map((c) => beta(c.purchasedLists, c.lists));
  let pooledSum = 0;
  let pooledN = 0;
  for (const c of arms) {
    if (c.lists < 2) continue;
    const m = c.revenue / c.lists;
    pooledSum += Math.max(0, c.revenueSqLists - c.lists * m * m);
    pooledN += c.lists - 1;
  }
  const pooledVariance = pooledN > 0 ? pooledSum / pooledN : 0;
  return arms.map((c) => {
    const n = c.lists;
    const mean = n > 0 ? c.revenue / n : 0;
    const variance = n >= 2 ? Math.max(0, (c.revenueSqLists - n * mean * mean) / (n - 1)) : pooledVariance;
    // With no list at all the arm is as uncertain as one list of average spread.
    return { kind: 'normal', mean, sd: Math.sqrt(variance / Math.max(1, n)) };
  });
}

function beta(successes: number, trials: number): RewardPosterior {
  return { kind: 'beta', a: 1 + successes, b: 1 + Math.max(0, trials - successes) };
}

/** P(each arm's draw is the highest), over `draws` seeded joint draws; ties are shared. */
export function probabilityBest(posteriors: readonly RewardPosterior[], options: { draws?: number; seed?: number; random?: Uniform } = {}): number[] {
  const k = posteriors.length;
  const wins = new Array<number>(k).fill(0);
  if (k === 0) return wins;
  const draws = options.draws ?? DEFAULT_DRAWS;
  const random = options.random ?? seededRandom(options.seed ?? 1);
  const normal = normalSource(random);
  const value = new Array<number>(k).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = -Infinity;
    for (let i = 0; i < k; i++) {
      const p = posteriors[i] as RewardPosterior;
      const v = p.kind === 'beta' ? betaDraw(p.a, p.b, random, normal) : p.mean + p.sd * normal();
      value[i] = v;
      if (v > best) best = v;
    }
    let tied = 0;
    for (let i = 0; i < k; i++) if (value[i] === best) tied++;
    for (let i = 0; i < k; i++) if (value[i] === best) wins[i] = (wins[i] ?? 0) + 1 / tied;
  }
  return wins.map((w) => w / draws);
}

/** share_i = floor + (1 − n · floor) · P(best)_i; they add up to 1. */
export function banditShares(pBest: readonly number[], floor: number): number[] {
  const n = pBest.length;
  const f = Math.min(Math.max(0, floor), 1 / Math.max(1, n));
  const total = pBest.reduce((s, p) => s + p, 0);
  return pBest.map((p) => f + (1 - n * f) * (total > 0 ? p / total : 1 / n));
}
