import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopFixture, MIN, T0 } from './loop-fixture';

describe('attribution of rewards to the lists that caused them', () => {
  let f: ReturnType<typeof loopFixture>;
  beforeEach(() => (f = loopFixture()));
  afterEach(() => f.cleanup());

  it('joins a click to the list the client names, at the list’s own position', () => {
    const list = f.list('u1', ['a', 'b', 'c'], T0);
    f.ingest([{ type: 'click', shopperId: 'u1', itemId: 'b', impressionId: list, position: 7, ts: T0 + 1000 }], T0 + 1000);
    expect(f.rewards()).toMatchObject([{ impression_id: list, item_id: 'b', position: 2, kind: 'explicit', first_for_item: 1, first_for_list: 1 }]);
  });

  it('matches by window when no list is named: the latest list with the item, within 30 minutes for a click and 24 hours for a purchase', () => {
    const older = f.list('u1', ['a', 'b'], T0);
    const newer = f.list('u1', ['c', 'b'], T0 + 5 * MIN);
    f.list('u1', ['x'], T0 + 6 * MIN);
    f.list('u2', ['b'], T0 + 7 * MIN);
    f.ingest([{ type: 'click', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'b', ts: T0 + 8 * MIN }], T0 + 8 * MIN);
    f.ingest([{ type: 'click', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'a', ts: T0 + 31 * MIN }], T0 + 31 * MIN);
    f.ingest([{ type: 'purchase', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'a', price: 12, quantity: 2, ts: T0 + 20 * 60 * MIN }], T0 + 20 * 60 * MIN);
    f.ingest([{ type: 'purchase', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'c', ts: T0 + 25 * 60 * MIN }], T0 + 25 * 60 * MIN);
    const rows = f.rewards();
    expect(rows[0]).toMatchObject({ impression_id: newer, position: 2, kind: 'window' });
    expect(rows[1]).toMatchObject({ impression_id: null, kind: 'unmatched', reason: 'no-impression-in-window' });
    expect(rows[2]).toMatchObject({ impression_id: older, position: 1, kind: 'window', type: 'purchase', value: 24 });
    expect(rows[3]).toMatchObject({ kind: 'unmatched', reason: 'no-impression-in-window' });
  });

  it('says when the match crossed into another session of the same shopper', () => {
    const list = f.list('u1', ['a'], T0);
    f.ingest([{ type: 'add_to_cart', shopperId: 'u1', sessionId: 'u1-s2', itemId: 'a', ts: T0 + 3 * 60 * MIN }], T0 + 3 * 60 * MIN);
    expect(f.rewards()[0]).toMatchObject({ impression_id: list, kind: 'cross-session' });
  });

  it('keeps unmatched events with the reason: unknown list, item not in it, another shopper’s list, no list at all', () => {
    const list = f.list('u1', ['a'], T0);
    f.ingest(
      [
        { type: 'click', shopperId: 'u1', itemId: 'a', impressionId: 'no-such-list', ts: T0 + 1 },
        { type: 'click', shopperId: 'u1', itemId: 'zzz', impressionId: list, ts: T0 + 2 },
        { type: 'click', shopperId: 'u9', itemId: 'a', impressionId: list, ts: T0 + 3 },
        { type: 'purchase', shopperId: 'u5', itemId: 'a', ts: T0 + 4 },
        { type: 'view', shopperId: 'u1', itemId: 'a', ts: T0 + 5 },
      ],
      T0 + 10,
    );
    expect(f.rewards().map((r) => r.reason)).toEqual(['unknown-impression', 'item-not-in-impression', 'other-shopper', 'no-impression-in-window']);
    const stats = f.loop.attributionStats();
    expect(stats).toMatchObject({ rewards: 4, byKind: { unmatched: 4 } });
    expect(stats.unmatchedByReason).toEqual({ 'unknown-impression': 1, 'item-not-in-impression': 1, 'other-shopper': 1, 'no-impression-in-window': 1 });
  });

  it('counts late, out-of-order, repeated and duplicate events without dropping or double-counting them', () => {
    const list = f.list('u1', ['a', 'b'], T0);
    f.ingest([{ id: 'e1', type: 'click', shopperId: 'u1', itemId: 'a', impressionId: list, ts: T0 + 10 * MIN }], T0 + 10 * MIN);
    // Arrives 20 minutes after it happened, and earlier than an event already seen: late and out of order.
    f.ingest([{ id: 'e2', type: 'click', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'b', ts: T0 + 2 * MIN }], T0 + 22 * MIN);
    // The same item clicked again from the same list: a repeat.
    f.ingest([{ id: 'e3', type: 'click', shopperId: 'u1', itemId: 'a', impressionId: list, ts: T0 + 23 * MIN }], T0 + 23 * MIN);
    // The first click sent again: stored once, attributed once.
    f.ingest([{ id: 'e1', type: 'click', shopperId: 'u1', itemId: 'a', impressionId: list, ts: T0 + 10 * MIN }], T0 + 24 * MIN);
    expect(f.rewards().map((r) => [r.item_id, r.kind, r.late, r.first_for_item, r.first_for_list])).toEqual([
      ['a', 'explicit', 0, 1, 1],
      ['b', 'window', 1, 1, 0],
      ['a', 'explicit', 0, 0, 0],
    ]);
    expect(f.loop.attributionStats()).toMatchObject({ rewards: 3, late: 1, outOfOrder: 1, repeats: 1, duplicates: 1, byKind: { explicit: 2, window: 1 } });
    const all = f.loop.summary({ dimension: 'all', from: T0 - MIN, to: T0 + 60 * MIN }).rows[0]!;
    expect(all.counts).toMatchObject({ lists: 1, items: 2, clicks: 3, clickedItems: 2, clickedLists: 1 });
  });

  it('knows an event is out of order across a restart: the store’s sessions hold the shopper’s latest time', () => {
    const list = f.list('u1', ['a', 'b'], T0);
    f.ingest([{ type: 'view', shopperId: 'u1', itemId: 'x', ts: T0 + 20 * MIN }], T0 + 20 * MIN);
    f.crashAndReopen();
    // Earlier than the view stored before the restart; then one in order.
    f.ingest([{ type: 'click', shopperId: 'u1', itemId: 'a', impressionId: list, ts: T0 + 10 * MIN }], T0 + 21 * MIN);
    f.ingest([{ type: 'click', shopperId: 'u1', itemId: 'b', impressionId: list, ts: T0 + 22 * MIN }], T0 + 22 * MIN);
    expect(f.db.prepare('SELECT item_id, out_of_order FROM rewards ORDER BY seq').all()).toEqual([
      { item_id: 'a', out_of_order: 1 },
      { item_id: 'b', out_of_order: 0 },
    ]);
  });

  it('history loaded by an import is attributed like any event but never counted late', () => {
    const list = f.list('u1', ['a'], T0);
    f.ingest([{ type: 'purchase', shopperId: 'u1', itemId: 'a', impressionId: list, ts: T0 + 60_000 }], T0 + 30 * 24 * 60 * MIN, false, true);
    expect(f.rewards()).toMatchObject([{ kind: 'explicit', late: 0 }]);
    expect(f.loop.attributionStats()).toMatchObject({ rewards: 1, late: 0, history: 1 });
  });

  it('a batch that rolls back leaves no reward and does not count its click as the list’s first', () => {
    const list = f.list('u1', ['a'], T0);
    f.ingest([{ type: 'view', shopperId: 'other', sessionId: 'taken', ts: T0, itemId: 'z' }], T0);
    expect(() =>
      f.ingest(
        [
          { type: 'click', shopperId: 'u1', itemId: 'a', impressionId: list, ts: T0 + 1 },
          { type: 'view', shopperId: 'u1', sessionId: 'taken', itemId: 'a', ts: T0 + 2 },
        ],
        T0 + 2,
        true,
      ),
    ).toThrow(/belongs to shopper other/);
    expect(f.rewards()).toEqual([]);
    f.ingest([{ type: 'click', shopperId: 'u1', itemId: 'a', impressionId: list, ts: T0 + 3 }], T0 + 3);
    expect(f.rewards()).toMatchObject([{ first_for_item: 1, first_for_list: 1 }]);
  });

  it('finds lists that memory no longer holds in the store, with the same answer', () => {
    const small = loopFixture({ maxLists: 2 });
    try {
      const first = small.list('u1', ['a'], T0);
      small.list('u2', ['b'], T0 + MIN);
      small.list('u3', ['c'], T0 + 2 * MIN);
      small.ingest([{ type: 'purchase', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'a', ts: T0 + 3 * MIN }, { type: 'purchase', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'a', ts: T0 + 4 * MIN }], T0 + 4 * MIN);
      expect(small.rewards().map((r) => [r.impression_id, r.kind, r.first_for_item])).toEqual([
        [first, 'window', 1],
        [first, 'window', 0],
      ]);
    } finally {
      small.cleanup();
    }
  });
});
