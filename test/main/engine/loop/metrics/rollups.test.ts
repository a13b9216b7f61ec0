import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopFixture, MIN, T0 } from '../loop-fixture';

const HOUR = 60 * MIN;
const ruleOn = (ruleId: string) => [{ ruleId, kind: 'boost' as const, effect: 0.1, note: 'boost' }];

describe('online metrics from the roll-ups', () => {
  let f: ReturnType<typeof loopFixture>;
  beforeEach(() => (f = loopFixture()));
  afterEach(() => f.cleanup());

  /** Two weights versions, an experiment arm and two slots, over two hours. */
  function traffic(): { a: string; b: string; c: string } {
    const a = f.list('u1', ['x', 'y', 'z'], T0, { weightsVersion: 1 });
    const b = f.list('u2', ['x', 'y'], T0 + 10 * MIN, { weightsVersion: 2, experiment: { experimentId: 'e-1', armId: 'b' } });
    const c = f.list('u3', ['y', 'z'], T0 + HOUR + MIN, { weightsVersion: 2, slot: 'product' });
    return { a, b, c };
  }

  it('counts lists, shown items, clicks, carts, purchases and revenue per dimension, each rate with its interval', () => {
    const a = f.list('u1', ['x', 'y', 'z'], T0, { weightsVersion: 1, items: ['x', 'y', 'z'].map((itemId, i) => ({ itemId, title: itemId, position: i + 1, score: 1, propensity: 1, contributions: { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 }, rules: i === 1 ? ruleOn('r-1') : [], sources: [] })) });
    const b = f.list('u2', ['x', 'y'], T0 + 10 * MIN, { weightsVersion: 2, experiment: { experimentId: 'e-1', armId: 'b' } });
    f.list('u3', ['y', 'z'], T0 + HOUR + MIN, { weightsVersion: 2, slot: 'product' });
    f.ingest(
      [
        { type: 'click', shopperId: 'u1', itemId: 'y', impressionId: a, ts: T0 + MIN },
        { type: 'add_to_cart', shopperId: 'u1', itemId: 'y', impressionId: a, ts: T0 + 2 * MIN },
        { type: 'purchase', shopperId: 'u1', itemId: 'y', impressionId: a, price: 20, quantity: 2, ts: T0 + 3 * MIN },
        { type: 'purchase', shopperId: 'u1', itemId: 'x', impressionId: a, price: 10, quantity: 1, ts: T0 + 4 * MIN },
        { type: 'click', shopperId: 'u2', itemId: 'x', impressionId: b, ts: T0 + 11 * MIN },
      ],
      T0 + 12 * MIN,
    );
    const range = { from: T0, to: T0 + 3 * HOUR };
    const all = f.loop.summary({ dimension: 'all', ...range }).rows[0]!;
    expect(all.counts).toMatchObject({ lists: 3, items: 7, clicks: 2, clickedItems: 2, clickedLists: 2, carts: 1, cartedItems: 1, orders: 2, units: 3, purchasedItems: 2, purchasedLists: 1, revenue: 50 });
    // List a earned 40 then 10: its squared revenue is 50^2, and the two orders 40^2 + 10^2.
    expect(all.counts.revenueSqLists).toBe(2500);
    expect(all.counts.orderValueSq).toBe(1700);
    expect(all.metrics.ctr.value).toBeCloseTo(2 / 7, 12);
    expect(all.metrics.conversionRate.value).toBeCloseTo(1 / 3, 12);
    expect(all.metrics.revenuePerMille.value).toBeCloseTo((50 / 3) * 1000, 9);
    expect(all.metrics.ctr.low).toBeLessThan(2 / 7);

    const byWeights = new Map(f.loop.summary({ dimension: 'weights', ...range }).rows.map((r) => [r.key, r.counts]));
    expect(byWeights.get('1')).toMatchObject({ lists: 1, items: 3, clickedItems: 1, revenue: 50 });
    expect(byWeights.get('2')).toMatchObject({ lists: 2, items: 4, clickedItems: 1, revenue: 0 });
    const bySlot = new Map(f.loop.summary({ dimension: 'slot', ...range }).rows.map((r) => [r.key, r.counts.lists]));
    expect(bySlot).toEqual(new Map([['home', 2], ['product', 1]]));
    expect(f.loop.summary({ dimension: 'arm', ...range }).rows).toMatchObject([{ key: 'e-1:b', counts: { lists: 1, clickedItems: 1 } }]);
    // The rule fired on y only: item-level counts are y's, list-level ones are list a's.
    expect(f.loop.summary({ dimension: 'rule', ...range }).rows).toMatchObject([{ key: 'r-1', counts: { lists: 1, items: 1, clickedItems: 1, cartedItems: 1, purchasedItems: 1, purchasedLists: 1, revenue: 50 } }]);
    expect(f.loop.summary({ dimension: 'all', slot: 'product', ...range }).rows[0]!.counts.lists).toBe(1);
  });

  it('buckets by the hour the list was served, in hours or in the viewer’s days', () => {
    traffic();
    const hours = f.loop.timeseries({ dimension: 'weights', bucket: 'hour', metric: 'ctr', tzOffsetMinutes: 0, maxSeries: 6, from: T0, to: T0 + 3 * HOUR });
    expect(hours.series.find((s) => s.key === '2')!.points.map((p) => [p.t, p.lists])).toEqual([
      [T0, 1],
      [T0 + HOUR, 1],
    ]);
    // T0 is 12:00 UTC: at UTC+13 the first hour falls on the next day, the second too.
    const days = f.loop.timeseries({ dimension: 'all', bucket: 'day', metric: 'ctr', tzOffsetMinutes: 13 * 60, maxSeries: 6, from: T0, to: T0 + 3 * HOUR });
    expect(days.series[0]!.points).toHaveLength(1);
    expect(days.series[0]!.points[0]!.lists).toBe(3);
  });

  it('with the viewer’s zone, a day before a daylight-saving change is cut at its own midnight and dated right', () => {
    // Europe/Berlin, 2026-03-20 11:00 and 23:00 CET (UTC+1), viewed in April (CEST, UTC+2).
    f.list('u1', ['x'], Date.UTC(2026, 2, 20, 10));
    f.list('u2', ['y'], Date.UTC(2026, 2, 20, 22));
    const req = { dimension: 'all' as const, bucket: 'day' as const, metric: 'ctr' as const, tzOffsetMinutes: 120, maxSeries: 6, from: Date.UTC(2026, 2, 19), to: Date.UTC(2026, 2, 22) };
    const zoned = f.loop.timeseries({ ...req, timeZone: 'Europe/Berlin' });
    expect(zoned.series[0]!.points.map((p) => [p.t, p.lists])).toEqual([[Date.UTC(2026, 2, 19, 23), 2]]);
    // Today's offset alone splits the day and dates the first list a day early, as the chart did.
    expect(f.loop.timeseries(req).series[0]!.points).toHaveLength(2);
  });

  it('the position curve counts shown items and first clicks by position', () => {
    const { a, b } = traffic();
    f.ingest(
      [
        { type: 'click', shopperId: 'u1', itemId: 'x', impressionId: a, ts: T0 + MIN },
        { type: 'click', shopperId: 'u1', itemId: 'x', impressionId: a, ts: T0 + 2 * MIN },
        { type: 'click', shopperId: 'u2', itemId: 'y', impressionId: b, ts: T0 + 11 * MIN },
      ],
      T0 + 12 * MIN,
    );
    const curve = f.loop.positions({ from: T0, to: T0 + 3 * HOUR, maxPosition: 20 });
    expect(curve.points.map((p) => [p.position, p.shown, p.clicked])).toEqual([
      [1, 3, 1],
      [2, 3, 1],
      [3, 1, 0],
    ]);
  });

  it('after a crash the roll-ups catch up from the store: the same figures as without the crash', () => {
    const { a } = traffic();
    f.loop.flush();
    f.ingest([{ type: 'click', shopperId: 'u1', itemId: 'z', impressionId: a, ts: T0 + MIN }], T0 + MIN);
    f.list('u4', ['q'], T0 + 2 * MIN);
    const before = f.loop.summary({ dimension: 'all', from: T0, to: T0 + 3 * HOUR }).rows[0]!.counts;
    // Pending deltas of the click and the fourth list were never written before the "crash".
    f.crashAndReopen();
    const after = f.loop.summary({ dimension: 'all', from: T0, to: T0 + 3 * HOUR }).rows[0]!.counts;
    expect(after).toEqual(before);
    expect(after).toMatchObject({ lists: 4, clickedItems: 1 });
  });

  it('search analytics: top, zero-result and no-click queries with the previous period and a daily series', () => {
    const search = (q: string, items: string[], ts: number) => f.list('u1', items, ts, { slot: 'search', query: q });
    const day = 24 * HOUR;
    const s1 = search('Running shoes', ['a', 'b'], T0);
    search('running  shoes', ['a'], T0 + day);
    search('running shoes', ['a'], T0 - 2 * day);
    search('unicorn saddle', [], T0 + HOUR);
    search('red lamp', ['l'], T0 + 2 * HOUR);
    f.ingest([{ type: 'click', shopperId: 'u1', itemId: 'b', impressionId: s1, ts: T0 + MIN }], T0 + MIN);
    const a = f.loop.searchAnalytics({ from: T0, to: T0 + 2 * day, limit: 10, tzOffsetMinutes: 0 });
    expect(a.totalSearches).toBe(4);
    expect(a.top[0]).toMatchObject({ query: 'running shoes', searches: 2, clicked: 1, previousSearches: 1, daily: [1, 1, 0] });
    expect(a.zeroResults.map((q) => q.query)).toEqual(['unicorn saddle']);
    expect(a.noClicks.map((q) => q.query)).toEqual(['red lamp']);
  });
});
