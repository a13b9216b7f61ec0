import { describe, expect, it } from 'vitest';
import { ItemKnnRecommender, ITEM_KNN_DEFAULTS } from '../../../../src/main/engine/eval/baselines/item-knn';
import { createRecommender } from '../../../../src/main/engine/eval/baselines/model-catalog';
import { PopularityRecommender } from '../../../../src/main/engine/eval/baselines/popularity';
import { SessionKnnRecommender, SESSION_KNN_DEFAULTS } from '../../../../src/main/engine/eval/baselines/session-knn';
import { TransitionRecommender, TRANSITION_DEFAULTS } from '../../../../src/main/engine/eval/baselines/transitions';
import { topK } from '../../../../src/main/engine/eval/metrics/ranking';
import { makeTrainingData } from '../../../../src/main/engine/eval/protocols/types';

const seq = (...items: number[]): Int32Array => Int32Array.from(items);
// co(0,1) = 2, co(0,2) = 1, co(1,2) = 2; counts 2, 3, 2 -> cosine 2/sqrt(6), 1/2, 2/sqrt(6).
const train = makeTrainingData(4, [seq(0, 1, 2), seq(0, 1), seq(1, 2)]);
const SIM_01 = 2 / Math.sqrt(6);

describe('popularity', () => {
  it('scores items by training count', () => {
    const model = new PopularityRecommender();
    model.fit(train);
    expect(Array.from(model.scoreAll(seq(0)))).toEqual([2, 3, 2, 0]);
  });
});

describe('item-kNN', () => {
  it('sums cosine rows of the last N items with decay (hand-computed)', () => {
    const model = new ItemKnnRecommender({ ...ITEM_KNN_DEFAULTS, lastN: 2, decay: 0.5 });
    model.fit(train);
    const s = model.scoreAll(seq(0, 1));
    expect(s[0]).toBeCloseTo(SIM_01, 5);
    expect(s[1]).toBeCloseTo(0.5 * SIM_01, 5);
    expect(s[2]).toBeCloseTo(SIM_01 + 0.5 * 0.5, 5);
    expect(Array.from(topK(s, 4))).toEqual([2, 0, 1, 3]);
  });
  it('counts only later items with direction=forward', () => {
    const model = new ItemKnnRecommender({ ...ITEM_KNN_DEFAULTS, lastN: 1, direction: 'forward' });
    model.fit(train);
    const s = model.scoreAll(seq(1));
    expect(s[0]).toBeLessThan(1e-5); // 0 never follows 1
    expect(s[2]).toBeCloseTo(SIM_01, 5);
  });
});

describe('last-item transitions backed off to item-kNN', () => {
  it('ranks observed successors first, then item-kNN neighbours', () => {
    const model = new TransitionRecommender(TRANSITION_DEFAULTS);
    model.fit(train);
    expect(Array.from(topK(model.scoreAll(seq(0)), 4))).toEqual([1, 2, 0, 3]);
    // Nothing ever followed item 2: the order comes from item-kNN (1 is closer to 2 than 0 is).
    expect(Array.from(topK(model.scoreAll(seq(2)), 2))).toEqual([1, 0]);
  });
});

describe('V-SKNN', () => {
  const sessions = makeTrainingData(4, [seq(0, 1, 2), seq(0, 1), seq(1, 2), seq(3)], Float64Array.from([1, 2, 3, 4]));
  it('weights positions i/L, divides by distinct items, and votes similarity / step (hand-computed)', () => {
    const model = new SessionKnnRecommender(SESSION_KNN_DEFAULTS);
    model.fit(sessions);
    const s = model.scoreAll(seq(1, 0));
    // sims: S0 = S1 = (0.5 + 1) / 2 = 0.75, S2 = 0.5 / 2 = 0.25 (with step 2: shares only the older item).
    expect(s[0]).toBeCloseTo(1.5, 5);
    expect(s[1]).toBeCloseTo(0.75 + 0.75 + 0.25 / 2, 5);
    expect(s[2]).toBeCloseTo(0.75 + 0.25 / 2, 5);
    expect(s[3]).toBeLessThan(1e-5);
  });
  it('keeps only k neighbours and samples the most recent candidates', () => {
    const nearest = new SessionKnnRecommender({ ...SESSION_KNN_DEFAULTS, k: 2 });
    nearest.fit(sessions);
    expect(nearest.scoreAll(seq(0, 1))[2]).toBeCloseTo(0.75, 5); // S2 (sim 0.5) is dropped
    const recent = new SessionKnnRecommender({ ...SESSION_KNN_DEFAULTS, sampleSize: 2 });
    recent.fit(sessions);
    expect(recent.scoreAll(seq(0, 1))[0]).toBeCloseTo(0.75, 5); // S0 (oldest) is not sampled
  });
  it('applies session-rec idf weighting to votes', () => {
    const model = new SessionKnnRecommender({ ...SESSION_KNN_DEFAULTS, idfWeighting: 1 });
    model.fit(sessions);
    expect(model.scoreAll(seq(0, 1))[1]).toBeCloseTo(2 * (1 + Math.log(4 / 3)), 4);
  });
});

describe('model catalogue', () => {
  it('builds models from specs and records their hyperparameters', () => {
    expect(createRecommender('itemknn:lastN=3,direction=forward').name).toContain('lastN=3');
    expect(createRecommender('vsknn:k=50,weighting=quadratic').name).toContain('weighting=quadratic');
    expect(() => createRecommender('itemknn:lastN=abc')).toThrow(/lastN/);
    expect(() => createRecommender('vsknn:weighting=cubic')).toThrow(/weighting/);
    expect(() => createRecommender('sasrec')).toThrow(/unknown model/);
    expect(() => createRecommender('itemknn:lastn=3')).toThrow(/no parameter/);
  });
});
