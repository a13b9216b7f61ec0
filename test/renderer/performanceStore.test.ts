import { describe, expect, it } from 'vitest';
import type { MetricsSummaryRequest, MetricsTimeseriesRequest } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { createPerformanceStore, FULL_REFRESH_MS, LIVE_REFRESH_MS, startPerformanceRefresh } from '../../src/renderer/src/stores/performanceStore';
import { fakeClient } from './fakes';
import { metricsRow } from './loopFixtures';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;
const tick = () => new Promise((r) => setTimeout(r, 0));

function engine(overrides: Record<string, (input: unknown) => unknown> = {}) {
  let ctr = 0.03;
  const fake = fakeClient({
    'metrics.summary': (input) => {
      const req = input as MetricsSummaryRequest;
      if (req.dimension === 'slot') return { from: 0, to: 1, dimension: 'slot', slot: null, rows: [metricsRow('home'), metricsRow('cart')] };
      return { from: 0, to: 1, dimension: req.dimension ?? 'all', slot: req.slot ?? null, rows: [metricsRow('', { metrics: { ...metricsRow().metrics, ctr: { value: ctr, low: ctr - 0.003, high: ctr + 0.003 } } })] };
    },
    'metrics.timeseries': (input) => ({ from: 0, to: 1, bucket: (input as MetricsTimeseriesRequest).bucket ?? 'hour', metric: (input as MetricsTimeseriesRequest).metric ?? 'ctr', series: [] }),
    'metrics.positions': () => ({ from: 0, to: 1, lists: 'all', points: [] }),
    'metrics.search': () => ({ from: 0, to: 1, totalSearches: 0, top: [], zeroResults: [], noClicks: [] }),
    'attribution.stats': () => ({ rewards: 10, byKind: { window: 10 }, unmatchedByReason: {}, late: 0, outOfOrder: 0, repeats: 0, duplicates: 0 }),
    'attribution.settings': () => ({ clickWindowMinutes: 30, cartWindowMinutes: 1440, purchaseWindowMinutes: 1440 }),
    'attribution.configure': (input) => (input as { settings: unknown }).settings,
    ...overrides,
  });
  return { ...fake, setCtr: (v: number) => (ctr = v) };
}

describe('performance store', () => {
  it('loads every panel for the last 24 h, and learns the slots seen', async () => {
    const { client, transport } = engine();
    const store = createPerformanceStore(client, () => NOW);
    await store.getState().refreshAll();
    const s = store.getState();
    expect(s.kpis?.metrics.ctr.value).toBe(0.03);
    expect(s.kpisAt).toBe(NOW);
    expect(s.attribution?.rewards).toBe(10);
    expect(s.windowsForm).toEqual({ clickWindowMinutes: '30', cartWindowMinutes: '1440', purchaseWindowMinutes: '1440' });
    expect(s.slots).toEqual(['home', 'product', 'search', 'cart']);
    expect(s.busy).toBe(0);
    const kpiCall = transport.calls.find((c) => c.method === 'metrics.summary' && (c.input as MetricsSummaryRequest).dimension === 'all');
    expect(kpiCall?.input).toEqual({ from: NOW - DAY, to: NOW, dimension: 'all' });
    const series = transport.calls.find((c) => c.method === 'metrics.timeseries')?.input as MetricsTimeseriesRequest;
    expect(series).toMatchObject({ from: NOW - DAY, to: NOW, bucket: 'hour', dimension: 'all', metric: 'ctr', maxSeries: 6 });
    expect(typeof series.tzOffsetMinutes).toBe('number');
  });

  it('re-queries with the slot, the range, the breakdown and the metric chosen', async () => {
    const { client, transport } = engine();
    const store = createPerformanceStore(client, () => NOW);
    store.getState().setRange('30d');
    expect(store.getState().bucket).toBe('day');
    store.getState().setSlot('search');
    store.getState().setDimension('weights');
    store.getState().setMetric('revenuePerMille');
    await tick();
    const last = (method: string) => transport.calls.filter((c) => c.method === method).at(-1)?.input;
    expect(last('metrics.timeseries')).toMatchObject({ from: NOW - 30 * DAY, bucket: 'day', slot: 'search', dimension: 'weights', metric: 'revenuePerMille' });
    expect(last('metrics.positions')).toMatchObject({ slot: 'search', from: NOW - 30 * DAY });
    expect(transport.calls.filter((c) => c.method === 'metrics.summary').at(-1)?.input).toMatchObject({ dimension: 'weights', slot: 'search' });
  });

  it('lets only the latest reply of each query write', async () => {
    const answers: Array<(v: unknown) => void> = [];
    const { client } = engine({ 'metrics.timeseries': () => new Promise((resolve) => answers.push(resolve)) });
    const store = createPerformanceStore(client, () => NOW);
    const first = store.getState().refreshTimeseries();
    store.getState().setMetric('conversionRate');
    answers[1]!({ from: 0, to: 1, bucket: 'hour', metric: 'conversionRate', series: [] });
    answers[0]!({ from: 0, to: 1, bucket: 'hour', metric: 'ctr', series: [] });
    await first;
    await tick();
    expect(store.getState().timeseries?.metric).toBe('conversionRate');
  });

  it('keeps a failing panel’s error to itself', async () => {
    const { client } = engine({
      'metrics.search': () => {
        throw new ContractError('internal', 'search analytics failed');
      },
    });
    const store = createPerformanceStore(client, () => NOW);
    await store.getState().refreshAll();
    expect(store.getState().searchError).toContain('search analytics failed');
    expect(store.getState().kpisError).toBeNull();
    expect(store.getState().kpis).not.toBeNull();
  });

  it('checks and saves the attribution windows', async () => {
    const { client, transport } = engine();
    const store = createPerformanceStore(client, () => NOW);
    await store.getState().refreshAll();
    store.getState().setWindowField('clickWindowMinutes', '2000');
    await store.getState().saveWindows();
    expect(store.getState().windowsInvalid).toEqual(['clickWindowMinutes']);
    expect(transport.calls.some((c) => c.method === 'attribution.configure')).toBe(false);
    store.getState().setWindowField('clickWindowMinutes', '45');
    expect(store.getState().windowsInvalid).toEqual([]);
    await store.getState().saveWindows();
    expect(transport.calls.find((c) => c.method === 'attribution.configure')?.input).toEqual({
      settings: { clickWindowMinutes: 45, cartWindowMinutes: 1440, purchaseWindowMinutes: 1440 },
      note: '',
    });
    expect(store.getState().windows?.clickWindowMinutes).toBe(45);
    expect(store.getState().windowsSavedAt).toBe(NOW);
  });

  it('refreshes the tiles every few seconds while shown, and stops when left', async () => {
    const eng = engine();
    const store = createPerformanceStore(eng.client, () => NOW);
    const timers: Array<{ fn: () => void; ms: number; stopped: boolean }> = [];
    const stop = startPerformanceRefresh(store, {
      setInterval: (fn, ms) => timers.push({ fn, ms, stopped: false }),
      clearInterval: (h) => {
        timers[(h as number) - 1]!.stopped = true;
      },
    });
    await tick();
    expect(timers.map((t) => t.ms)).toEqual([LIVE_REFRESH_MS, FULL_REFRESH_MS]);
    expect(LIVE_REFRESH_MS).toBeLessThanOrEqual(5_000);
    expect(store.getState().kpis?.metrics.ctr.value).toBe(0.03);
    eng.setCtr(0.035);
    const calls = (method: string) => eng.transport.calls.filter((c) => c.method === method).length;
    const before = { series: calls('metrics.timeseries'), search: calls('metrics.search') };
    timers[0]!.fn();
    await tick();
    expect(store.getState().kpis?.metrics.ctr.value).toBe(0.035);
    // The chart moves with the tiles; search analytics wait for the slow tick.
    expect(calls('metrics.timeseries')).toBe(before.series + 1);
    expect(calls('metrics.search')).toBe(before.search);
    timers[1]!.fn();
    await tick();
    expect(calls('metrics.search')).toBe(before.search + 1);
    stop();
    expect(timers.every((t) => t.stopped)).toBe(true);
  });
});
