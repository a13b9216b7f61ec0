import { describe, expect, it } from 'vitest';
import { ContractError, type FusionWeights } from '../../src/renderer/src/transport/contract';
import { createExpectedEffectStore, EFFECT_REFRESH_MS, startExpectedEffect } from '../../src/renderer/src/stores/expectedEffectStore';
import { effectRows, formatEffectDifference, formatFigureEstimate, isNoExploration } from '../../src/renderer/src/stores/offPolicy';
import { createTuningStore, REPLAY_DEBOUNCE_MS } from '../../src/renderer/src/stores/tuningStore';
import { fakeClient } from './fakes';
import { DRAFT, opeReport } from './learningFixtures';

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clearTimer: (id: unknown) => void pending.delete(id as number),
    fire() {
      const all = [...pending.values()];
      pending.clear();
      for (const t of all) t.fn();
      return all.map((t) => t.ms);
    },
    get size() {
      return pending.size;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const SETTINGS = { 'exploration.settings': () => ({ slots: { home: { enabled: true, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 }, product: { enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 } } }) };
const estimates = (calls: ReadonlyArray<{ method: string; input: unknown }>) => calls.filter((c) => c.method === 'ope.estimate');
const NO_EXPLORATION = "No randomised lists to estimate from: all 104 lists of slot 'product' in this range were served deterministically (exploration is off).";

describe('expected effect of draft weights', () => {
  it('asks once for a burst of slider moves, after the replay’s debounce, for the draft weights on the slot', async () => {
    const timers = manualTimers();
    const { client, transport } = fakeClient({ ...SETTINGS, 'ope.estimate': () => opeReport() });
    const store = createExpectedEffectStore(client, timers);
    store.getState().schedule(DRAFT);
    const moved: FusionWeights = { ...DRAFT, recency: 1 };
    store.getState().schedule(moved);
    expect(store.getState().pending).toBe(true);
    expect(timers.size).toBe(1);
    expect(timers.fire()).toEqual([REPLAY_DEBOUNCE_MS]);
    await tick();
    expect(estimates(transport.calls)).toEqual([{ method: 'ope.estimate', input: { target: { kind: 'weights', weights: moved }, slot: 'home', clip: 50 } }]);
    expect(store.getState()).toMatchObject({ pending: false, error: null, refused: false, report: { randomisedLists: 1_200 } });
    expect(store.getState().reportFor?.weights).toBe(moved);
  });

  it('shows the engine’s refusal when the slot has no randomised lists, and estimates again on another slot', async () => {
    const timers = manualTimers();
    const { client, transport } = fakeClient({
      ...SETTINGS,
      'ope.estimate': (input) => {
        if ((input as { slot: string }).slot === 'product') throw new ContractError('conflict', NO_EXPLORATION);
        return opeReport();
      },
    });
    const store = createExpectedEffectStore(client, timers);
    store.getState().schedule(DRAFT);
    timers.fire();
    await tick();
    expect(store.getState().report).not.toBeNull();
    store.getState().setSlot('product');
    expect(store.getState().report).toBeNull();
    timers.fire();
    await tick();
    expect(store.getState()).toMatchObject({ refused: true, error: NO_EXPLORATION, report: null, pending: false });
    expect((estimates(transport.calls).at(-1)?.input as { slot: string }).slot).toBe('product');
    store.getState().setSlot('home');
    timers.fire();
    await tick();
    expect(store.getState()).toMatchObject({ refused: false, error: null, slot: 'home' });
  });

  it('does not ask for an estimate on a slot that never explored, and says why', async () => {
    const timers = manualTimers();
    const { client, transport } = fakeClient({ ...SETTINGS, 'ope.estimate': () => opeReport() });
    const store = createExpectedEffectStore(client, timers);
    store.getState().setSlot('search');
    store.getState().schedule(DRAFT);
    timers.fire();
    await tick();
    await tick();
    expect(estimates(transport.calls)).toHaveLength(0);
    expect(store.getState()).toMatchObject({ refused: true, pending: false, report: null });
    expect(store.getState().error).toContain('Exploration has never been on for “search”');
  });

  it('keeps the last figures when a later request fails for another reason, and drops a stale answer', async () => {
    const timers = manualTimers();
    const answers: Array<(v: unknown) => void> = [];
    let fail = false;
    const { client } = fakeClient({
      ...SETTINGS,
      'ope.estimate': () => {
        if (fail) throw new ContractError('internal', 'bootstrap failed');
        return new Promise((resolve) => answers.push(resolve));
      },
    });
    const store = createExpectedEffectStore(client, timers);
    store.getState().schedule(DRAFT);
    timers.fire();
    await tick();
    store.getState().schedule({ ...DRAFT, text: 2 });
    timers.fire();
    await tick();
    answers[1]?.(opeReport({ randomisedLists: 2 }));
    await tick();
    answers[0]?.(opeReport({ randomisedLists: 1 }));
    await tick();
    expect(store.getState().report?.randomisedLists).toBe(2);
    fail = true;
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ refused: false, error: 'bootstrap failed', report: { randomisedLists: 2 } });
  });

  it('follows the tuning page’s sliders while shown, re-reads periodically, and stops', async () => {
    const timers = manualTimers();
    const intervals: Array<{ fn: () => void; ms: number }> = [];
    const { client, transport } = fakeClient({ ...SETTINGS, 'ope.estimate': () => opeReport() });
    const tuning = createTuningStore(client, timers);
    tuning.setState({ sliders: DRAFT });
    const store = createExpectedEffectStore(client, timers);
    const stop = startExpectedEffect(store, tuning, { setInterval: (fn, ms) => intervals.push({ fn, ms }), clearInterval: () => intervals.splice(0) });
    expect(store.getState().weights).toBe(DRAFT);
    timers.fire();
    await tick();
    expect(estimates(transport.calls)).toHaveLength(1);
    tuning.setState({ sliders: { ...DRAFT, popularity: 2 } });
    expect(store.getState().weights?.popularity).toBe(2);
    timers.fire();
    await tick();
    expect(estimates(transport.calls)).toHaveLength(2);
    expect(intervals[0]?.ms).toBe(EFFECT_REFRESH_MS);
    intervals[0]?.fn();
    await tick();
    expect(estimates(transport.calls)).toHaveLength(3);
    stop();
    expect(intervals).toHaveLength(0);
    tuning.setState({ sliders: { ...DRAFT, popularity: 3 } });
    expect(store.getState().weights?.popularity).toBe(2);
  });
});

describe('off-policy figures', () => {
  it('orders the figures clicks, purchases, revenue and says how the target sits against serving', () => {
    const rows = effectRows(opeReport());
    expect(rows.map((r) => r.name)).toEqual(['clicks', 'purchases', 'revenue']);
    expect(rows[0]).toMatchObject({ difference: 80, against: 'above' });
    expect(rows[0]?.relative).toBeCloseTo(80 / 560);
    expect(rows[1]).toMatchObject({ difference: 1, against: 'overlaps' });
    expect(rows[2]).toMatchObject({ difference: 250, relative: 0.25, against: 'overlaps' });
    const below = effectRows(opeReport({ figures: [{ name: 'clicks', estimator: 'dr', target: { value: 400, low: 380, high: 420 }, serving: { value: 560, low: 530, high: 590 } }] }));
    expect(below[0]?.against).toBe('below');
  });

  it('formats counts with one decimal and revenue as money, with intervals and signed differences', () => {
    expect(formatFigureEstimate('clicks', { value: 640, low: 600, high: 690.25 })).toEqual({ value: '640.0', interval: '600.0 – 690.3' });
    expect(formatFigureEstimate('revenue', { value: 1250, low: null, high: null })).toEqual({ value: '$1,250.00', interval: null });
    expect(formatFigureEstimate('purchases', { value: null, low: null, high: null })).toEqual({ value: null, interval: null });
    expect(formatEffectDifference({ name: 'clicks', difference: 80, relative: 0.1429 })).toBe('+80.0 (+14.3%)');
    expect(formatEffectDifference({ name: 'revenue', difference: -250, relative: -0.2 })).toBe('−$250.00 (−20%)');
    expect(formatEffectDifference({ name: 'purchases', difference: 1, relative: null })).toBe('+1.0');
    expect(formatEffectDifference({ name: 'purchases', difference: null, relative: null })).toBeNull();
  });

  it('tells the no-exploration refusal from other failures', () => {
    expect(isNoExploration(new ContractError('conflict', NO_EXPLORATION))).toBe(true);
    expect(isNoExploration(new ContractError('internal', 'x'))).toBe(false);
    expect(isNoExploration(new Error('x'))).toBe(false);
  });
});
