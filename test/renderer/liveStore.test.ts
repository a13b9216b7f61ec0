import { describe, expect, it } from 'vitest';
import { currentRate, rateSeries, recordArrivals } from '../../src/renderer/src/stores/eventRate';
import { kpisFromStats } from '../../src/renderer/src/stores/kpis';
import { eventSubject, FEED_CAP, mergeFeed } from '../../src/renderer/src/stores/liveFeed';
import { connectLiveStore, createLiveStore } from '../../src/renderer/src/stores/liveStore';
import { emptyStats, fakeClient, storedEvent } from './fakes';

describe('live feed merge', () => {
  it('keeps newest first, each event once, capped', () => {
    const old = [storedEvent({ seq: 2 }), storedEvent({ seq: 1 })];
    const merged = mergeFeed(old, [storedEvent({ seq: 3 }), storedEvent({ seq: 2 })]);
    expect(merged.map((e) => e.seq)).toEqual([3, 2, 1]);
    const many = Array.from({ length: FEED_CAP + 20 }, (_, i) => storedEvent({ seq: 1000 + i }));
    const capped = mergeFeed(merged, many);
    expect(capped).toHaveLength(FEED_CAP);
    expect(capped[0]?.seq).toBe(1000 + FEED_CAP + 19);
  });

  it('shows the item for item events and the query for searches', () => {
    expect(eventSubject(storedEvent({ itemId: 'sku-9' }))).toBe('sku-9');
    expect(eventSubject(storedEvent({ type: 'search', itemId: null, query: 'red shoes' }))).toBe('red shoes');
    expect(eventSubject(storedEvent({ type: 'custom:x', itemId: null, query: null }))).toBeNull();
  });
});

describe('event rate', () => {
  const t0 = 1_700_000_000_000;
  it('counts arrivals per second and forgets seconds outside the window', () => {
    let buckets = recordArrivals([], 3, t0);
    buckets = recordArrivals(buckets, 2, t0 + 400);
    buckets = recordArrivals(buckets, 5, t0 + 1000);
    expect(buckets.map((b) => b.count)).toEqual([5, 5]);
    buckets = recordArrivals(buckets, 1, t0 + 61_000);
    expect(buckets).toEqual([{ second: Math.floor(t0 / 1000) + 61, count: 1 }]);
  });

  it('gives a gap-free 60-point series ending now', () => {
    const buckets = recordArrivals(recordArrivals([], 4, t0 - 1000), 7, t0);
    const series = rateSeries(buckets, t0);
    expect(series).toHaveLength(60);
    expect(series[0]).toEqual({ offset: -59, eventsPerSecond: 0 });
    expect(series.slice(-2)).toEqual([
      { offset: -1, eventsPerSecond: 4 },
      { offset: 0, eventsPerSecond: 7 },
    ]);
    expect(currentRate(buckets, t0)).toBe(4);
  });
});

describe('kpis', () => {
  it('treats purchases as conversions', () => {
    const kpis = kpisFromStats({ ...emptyStats, sessions: 4, eventsByType: { view: 10, purchase: 1, search: 10 } });
    expect(kpis.conversions).toBe(1);
    expect(kpis.conversionRate).toBe(0.25);
    expect(kpis.byType.map((b) => b.type)).toEqual(['search', 'view', 'purchase']);
    expect(kpisFromStats(emptyStats).conversionRate).toBeNull();
  });
});

describe('live store', () => {
  it('loads recent events and stats, keeping pushes that arrived meanwhile', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { client } = fakeClient({
      'events.recent': async () => {
        await gate;
        return [storedEvent({ seq: 10 })];
      },
      'stats.get': () => ({ ...emptyStats, events: 11 }),
    });
    const store = createLiveStore(client);
    const loading = store.getState().load();
    store.getState().receive([storedEvent({ seq: 11 })], 0);
    release();
    await loading;
    expect(store.getState().feed.map((e) => e.seq)).toEqual([11, 10]);
    expect(store.getState().stats?.events).toBe(11);
    expect(store.getState().error).toBeNull();
  });

  it('records a load failure as a message', async () => {
    const { client } = fakeClient({});
    const store = createLiveStore(client);
    await store.getState().load();
    expect(store.getState().error).toContain('no fake');
  });

  it('batches pushed events, follows stats pushes and reloads after a reconnect', async () => {
    const { client, transport } = fakeClient({ 'events.recent': () => [], 'stats.get': () => emptyStats });
    const store = createLiveStore(client);
    const timers: Array<() => void> = [];
    const stop = connectLiveStore(store, client, { now: () => 5_000, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });

    transport.push('events.ingested', [storedEvent({ seq: 100 })]);
    transport.push('events.ingested', [storedEvent({ seq: 101 }), storedEvent({ seq: 102 })]);
    expect(store.getState().feed).toHaveLength(0);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(store.getState().feed.map((e) => e.seq)).toEqual([102, 101, 100]);
    expect(store.getState().rateBuckets).toEqual([{ second: 5, count: 3 }]);

    transport.push('stats.changed', { ...emptyStats, items: 7 });
    expect(store.getState().stats?.items).toBe(7);

    transport.setConnection('offline');
    transport.setConnection('online');
    await Promise.resolve();
    expect(transport.calls.filter((c) => c.method === 'events.recent')).toHaveLength(1);

    stop();
    transport.push('stats.changed', { ...emptyStats, items: 8 });
    expect(store.getState().stats?.items).toBe(7);
  });
});
