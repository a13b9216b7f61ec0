import { describe, expect, it } from 'vitest';
import type { LoopCounts } from '../../../../../src/shared/contract';
import { seededRandom } from '../../../../../src/main/engine/datasets/seeded-random';
import { emptyCounts } from '../../../../../src/main/engine/loop/metrics/loop-counts';
import { simulateBandit } from '../../../../../src/main/engine/loop/experiments/bandit-simulation';
import { betaDraw, gammaDraw, normalSource } from '../../../../../src/main/engine/loop/experiments/posterior-draws';
import { banditShares, probabilityBest, rewardPosteriors } from '../../../../../src/main/engine/loop/experiments/thompson-allocation';

function counts(more: Partial<LoopCounts>): LoopCounts {
  return { ...emptyCounts(), ...more };
}

describe('posterior draws', () => {
  it('draw Gamma and Beta with the right mean and variance, small shapes and large', () => {
    const random = seededRandom(5);
    const normal = normalSource(random);
    for (const [a, b] of [[0.5, 3], [2, 5], [30, 600], [500, 9500]] as const) {
      const n = 20_000;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const x = betaDraw(a, b, random, normal);
        sum += x;
        sumSq += x * x;
      }
      const mean = sum / n;
      const variance = sumSq / n - mean * mean;
      const trueMean = a / (a + b);
      const trueVariance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.abs(mean - trueMean)).toBeLessThan(4 * Math.sqrt(trueVariance / n));
      expect(variance / trueVariance).toBeGreaterThan(0.93);
      expect(variance / trueVariance).toBeLessThan(1.07);
    }
    let g = 0;
    for (let i = 0; i < 20_000; i++) g += gammaDraw(0.3, random, normal);
    expect(g / 20_000).toBeCloseTo(0.3, 1);
  });
});

describe('Thompson allocation', () => {
  it('splits evenly between arms with the same data and goes to the clear winner', () => {
    const same = rewardPosteriors([counts({ items: 1000, clickedItems: 50 }), counts({ items: 1000, clickedItems: 50 }), counts({ items: 1000, clickedItems: 50 })], 'ctr');
    for (const p of probabilityBest(same, { seed: 3 })) expect(Math.abs(p - 1 / 3)).toBeLessThan(0.03);
    const clear = probabilityBest(rewardPosteriors([counts({ lists: 20_000, purchasedLists: 400 }), counts({ lists: 20_000, purchasedLists: 600 })], 'conversion'), { seed: 3 });
    expect(clear[1]).toBeGreaterThan(0.999);
    expect(clear.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 10);
  });

  it('is reproducible for a seed', () => {
    const posteriors = rewardPosteriors([counts({ items: 900, clickedItems: 45 }), counts({ items: 1100, clickedItems: 60 })], 'ctr');
    expect(probabilityBest(posteriors, { seed: 11 })).toEqual(probabilityBest(posteriors, { seed: 11 }));
  });

  it('reads revenue per list as a normal posterior, and shares ties when nobody has bought anything', () => {
    const revenue = rewardPosteriors(
      [counts({ lists: 4000, revenue: 8000, revenueSqLists: 400_000 }), counts({ lists: 4000, revenue: 10_000, revenueSqLists: 500_000 }), counts({ lists: 1 })],
      'revenue',
    );
    expect(revenue[0]).toMatchObject({ kind: 'normal', mean: 2 });
    expect(revenue[2]).toMatchObject({ kind: 'normal', mean: 0 });
    expect((revenue[2] as { sd: number }).sd).toBeGreaterThan(5);
    expect(probabilityBest(revenue.slice(0, 2), { seed: 1 })[1]).toBeGreaterThan(0.95);
    // The arm with one list is so uncertain that it is explored: it often draws highest.
    expect(probabilityBest(revenue, { seed: 1 })[2]).toBeGreaterThan(0.2);
    const none = probabilityBest(rewardPosteriors([counts({}), counts({})], 'revenue'), { seed: 1 });
    expect(none).toEqual([0.5, 0.5]);
  });

  it('gives every arm its floor: share = floor + (1 - n floor) P(best)', () => {
    expect(banditShares([1, 0, 0], 0.05)).toEqual([expect.closeTo(0.9, 12), 0.05, 0.05]);
    expect(banditShares([0.5, 0.5], 0.1)).toEqual([0.5, 0.5]);
    const shares = banditShares([0.7, 0.2, 0.1, 0], 0.05);
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(Math.min(...shares)).toBeCloseTo(0.05, 12);
  });

  it('moves at least 80 % of traffic to the better of two arms (CTR 5 % vs 6 %) within 50,000 impressions, and keeps it there, floor respected', () => {
    // Re-allocated every 1,000 impressions (the engine re-allocates about once a second), 10 seeds.
    for (let seed = 1; seed <= 10; seed++) {
      const run = simulateBandit({ ctrs: [0.05, 0.06], batch: 1000, impressions: 50_000, floor: 0.05, seed, draws: 2000 });
      expect(run.bestArm).toBe(1);
      expect(run.impressionsToTarget).not.toBeNull();
      // From this many impressions on, every re-allocation gives the better arm at least 80 %.
      const settledAt = (run.trajectory.filter((t) => (t.shares[1] ?? 0) < 0.8).pop()?.impressions ?? 0) + 1000;
      expect(settledAt).toBeLessThanOrEqual(45_000);
      expect(run.finalBestShare).toBeGreaterThanOrEqual(0.8);
      expect(run.lowestShare).toBeGreaterThanOrEqual(0.05 - 1e-12);
    }
  });

  it('with equal arms keeps traffic spread (no false winner from the floor or the draws)', () => {
    const run = simulateBandit({ ctrs: [0.05, 0.05], batch: 1000, impressions: 20_000, floor: 0.05, seed: 4, draws: 2000 });
    expect(run.servedBestShare).toBeGreaterThan(0.15);
    expect(run.servedBestShare).toBeLessThan(0.85);
  });
});
