import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../../src/shared/contract';
import { LearnedPolicy } from '../../../../../src/main/engine/loop/policy/learned-policy';
import { contextWeights, featureNames, POLICY_FEATURES } from '../../../../../src/main/engine/loop/policy/policy-features';
import { fitPolicy } from '../../../../../src/main/engine/loop/policy/policy-training';
import { FEATURES_PER_ITEM } from '../../../../../src/main/engine/ranking';
import { loopFixture, T0 } from '../loop-fixture';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const K = 6;
/** A known position-based click model: examination 1/p^0.8, attractiveness 0.05 + 0.5 x priceFit (channel 5). */
const THETA = [null, ...Array.from({ length: K }, (_, i) => (i + 1) ** -0.8)];
const attract = (priceFit: number): number => 0.05 + 0.5 * priceFit;

describe('learning a ranking policy from logged rewards', () => {
  let f: ReturnType<typeof loopFixture>;
  beforeEach(() => (f = loopFixture()));
  afterEach(() => f.cleanup());

  /**
   * Logs lists whose order follows popularity (channel 3), which is unrelated to what shoppers
   * click: a naive model that ignores position would credit popularity with the top positions'
   * extra clicks.
   */
  function logTraffic(lists: number): void {
    const random = seeded(9);
    for (let n = 0; n < lists; n++) {
      const items = Array.from({ length: K }, (_, i) => ({ id: `i${n}-${i}`, popularity: 1 - i / K, priceFit: random() }));
      const features = new Float32Array(K * FEATURES_PER_ITEM);
      items.forEach((it, i) => {
        features[i * FEATURES_PER_ITEM + CHANNELS.indexOf('popularity')] = it.popularity;
        features[i * FEATURES_PER_ITEM + CHANNELS.indexOf('priceFit')] = it.priceFit;
      });
      const id = f.list(`u${n}`, items.map((i) => i.id), T0 + n, { features });
      const clicks = items.flatMap((it, i) => (random() < (THETA[i + 1] as number) * attract(it.priceFit) ? [{ type: 'click' as const, shopperId: `u${n}`, itemId: it.id, impressionId: id, ts: T0 + n + 1 }] : []));
      if (clicks.length) f.ingest(clicks, T0 + n + 1);
    }
  }

  it('corrects for position bias: price fit gets the weight, popularity (which only set the order) gets none', () => {
    logTraffic(6000);
    const fit = fitPolicy(f.db, { slot: 'home', from: 0, to: T0 + 10_000, reward: { kind: 'composite', click: 1, cart: 0, purchase: 0 }, examination: THETA, lambda: 1e-6 });
    expect(fit.items).toBe(6000 * K);
    const w = contextWeights(fit.coefficients, { slot: 'home', purchaseIntent: 0.1, coldStart: false });
    expect(w.priceFit).toBeGreaterThan(0.35);
    expect(w.priceFit).toBeLessThan(0.65);
    expect(Math.abs(w.popularity)).toBeLessThan(0.1);
    // Without the correction (every position examined alike), popularity takes credit for position.
    const naive = fitPolicy(f.db, { slot: 'home', from: 0, to: T0 + 10_000, reward: { kind: 'composite', click: 1, cart: 0, purchase: 0 }, examination: [null, ...THETA.slice(1).map(() => 1)], lambda: 1e-6 });
    expect(contextWeights(naive.coefficients, { slot: 'home', purchaseIntent: 0.1, coldStart: false }).popularity).toBeGreaterThan(0.1);
  });

  it('refuses to learn without enough items at positions whose examination is known', () => {
    logTraffic(50);
    expect(() => fitPolicy(f.db, { slot: 'home', from: 0, to: T0 + 10_000, reward: { kind: 'composite', click: 1, cart: 0, purchase: 0 }, examination: [null, 1], lambda: 1e-6 })).toThrow(/too few/);
  });

  it('a learned policy is context weights: its score is weights x channel scores plus the rules’ effect', () => {
    const coefficients = Array.from({ length: POLICY_FEATURES }, (_, i) => i / 10);
    const policy = new LearnedPolicy('p-1', coefficients);
    const features = Float32Array.from({ length: FEATURES_PER_ITEM }, (_, j) => (j + 1) / 10);
    const context = { slot: 'home', purchaseIntent: 0.4, coldStart: true };
    const w = policy.weightsFor(context);
    const expected = CHANNELS.reduce((s, c, j) => s + w[c] * (features[j] as number), features[CHANNELS.length] as number);
    expect(policy.score(features, context)).toBeCloseTo(expected, 10);
    expect(featureNames()).toHaveLength(POLICY_FEATURES);
    expect(() => new LearnedPolicy('bad', [1, 2])).toThrow(/coefficients/);
  });
});
