import { afterEach, describe, expect, it } from 'vitest';
import { ExperimentResults, METRIC_NAMES } from '../../../../../src/shared/contract';
import { abInput, experimentEnv, type ExperimentEnv } from './experiment-fixtures';

describe('experiment results', () => {
  let env: ExperimentEnv;
  afterEach(() => env.close());

  it('says a draft has not started and a running experiment without lists has nothing to compare', () => {
    env = experimentEnv();
    env.service.create(abInput());
    const draft = env.service.results('e-1');
    expect(ExperimentResults.parse(draft)).toEqual(draft);
    expect(draft.statement).toBe('Not started yet: no shopper has seen this experiment.');
    expect(draft.primary).toBeNull();
    expect(draft.arms.map((a) => a.counts.lists)).toEqual([0, 0]);
    env.service.start('e-1');
    expect(env.service.results('e-1').statement).toBe('No lists served yet: the experiment has nothing to compare.');
  });

  it('shows each arm with its metrics and intervals, every metric against control, and a real difference in one sentence', () => {
    env = experimentEnv();
    env.service.create(abInput());
    env.service.start('e-1');
    env.rollups.add('e-1:control', { lists: 40_000, items: 400_000, clickedItems: 20_000, clickedLists: 8_000, purchasedLists: 2_000, orders: 2_000, revenue: 80_000, revenueSqLists: 4_000_000, orderValueSq: 4_000_000 });
    env.rollups.add('e-1:b', { lists: 40_000, items: 400_000, clickedItems: 20_400, clickedLists: 8_100, purchasedLists: 2_400, orders: 2_400, revenue: 96_000, revenueSqLists: 4_800_000, orderValueSq: 4_800_000 });
    const r = env.service.results('e-1');
    expect(ExperimentResults.parse(r)).toEqual(r);
    const [control, b] = r.arms;
    expect(control).toMatchObject({ armId: 'control', share: 0.5, vsControl: [], probabilityBest: null });
    expect(control?.metrics.conversionRate).toMatchObject({ value: 0.05 });
    expect(control?.metrics.conversionRate.low).toBeLessThan(0.05);
    expect(b?.vsControl.map((c) => c.metric)).toEqual([...METRIC_NAMES]);
    const conversion = b?.vsControl.find((c) => c.metric === 'conversionRate');
    expect(conversion).toMatchObject({ verdict: 'better', difference: expect.closeTo(0.01, 10) });
    expect(r.primary).toEqual({ value: conversion?.difference, low: conversion?.low, high: conversion?.high });
    expect(r.statement).toMatch(/^Arm B's conversion is higher than control's by 1\.00 points \(always-valid 95% interval 0\.\d\d to 1\.\d\d\): a real difference\.$/);
    expect(r.method).toContain('mSPRT');
    expect(r.method).toContain('10,000 lists per arm');
    expect(r.allocations).toHaveLength(1);
  });

  it('says when there is not enough evidence yet, with the direction and the interval', () => {
    env = experimentEnv();
    env.service.create(abInput({ reward: 'revenue' }));
    env.service.start('e-1');
    env.rollups.add('e-1:control', { lists: 1_000, purchasedLists: 50, revenue: 2_000, revenueSqLists: 80_000 });
    env.rollups.add('e-1:b', { lists: 1_000, purchasedLists: 52, revenue: 2_080, revenueSqLists: 83_200 });
    const r = env.service.results('e-1');
    expect(r.statement).toMatch(/^Not enough evidence yet: Arm B's revenue per 1,000 lists differs from control's by \+80\.00 \(always-valid 95% interval -\d+\.\d\d to \d+\.\d\d\), which is still compatible with no difference\.$/);
    expect(r.primary?.value).toBeCloseTo(80, 8);
  });

  it('in bandit mode gives each arm its probability of being best, the same figures the bandit allocates by', () => {
    env = experimentEnv();
    env.service.create(abInput({ mode: 'bandit', reward: 'ctr', arms: [{ armId: 'a', name: 'A', share: 0.34, policy: {} }, { armId: 'b', name: 'B', share: 0.33, policy: {} }, { armId: 'c', name: 'C', share: 0.33, policy: {} }] }));
    env.service.start('e-1');
    env.rollups.add('e-1:a', { lists: 2_000, items: 20_000, clickedItems: 1_000 });
    env.rollups.add('e-1:b', { lists: 2_000, items: 20_000, clickedItems: 1_200 });
    env.rollups.add('e-1:c', { lists: 2_000, items: 20_000, clickedItems: 990 });
    const r = env.service.results('e-1');
    const p = r.arms.map((a) => a.probabilityBest ?? -1);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(p[1]).toBeGreaterThan(0.99);
    env.service.tick();
    const shares = env.service.get('e-1').shares;
    expect(shares[1]).toBeCloseTo(0.05 + 0.85 * (p[1] ?? 0), 10);
    expect(r.statement).toMatch(/^Arm B's click-through rate is higher than control's by 1\.00 points/);
    expect(r.method).toContain('Thompson sampling on click-through rate');
  });
});
