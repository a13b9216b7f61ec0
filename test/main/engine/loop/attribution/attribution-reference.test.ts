import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../../../../src/shared/contract';
import { isRewardType, REWARD_TYPES } from '../../../../../src/main/engine/loop/attribution/attribution-windows';
import { seeded } from '../../../../../bench/bench-util';
import { loopFixture, MIN, T0 } from '../loop-fixture';
import { decodeStoredItems } from '../../../../../src/main/engine/ranking';

/**
 * The ingest path's attribution is written for speed (map lookups, reused objects, cached roll-up
 * rows). These tests hold it to a plain reading of the rules, computed afresh from the stored events
 * and lists, on a seeded stream that mixes every case: named and unnamed lists, other shoppers' lists,
 * unknown ids, items not shown, sessions crossed, late, out-of-order, repeated and duplicate events.
 */

interface Stored {
  seq: number;
  id: string;
  type: string;
  shopper_id: string;
  session_id: string;
  item_id: string | null;
  price: number | null;
  quantity: number | null;
  ts: number;
  received_at: number;
  impression_id: string | null;
  position: number | null;
}

interface List {
  rowid: number;
  impression_id: string;
  created_at: number;
  shopper_id: string | null;
  session_id: string | null;
  items: string;
}

const WINDOW_MS: Record<string, number> = { click: 30 * MIN, add_to_cart: 1440 * MIN, purchase: 1440 * MIN };
const SKEW_MS = 5000;
const LATE_MS = 5 * MIN;
const PRICE = 10; // the fixture's catalogue price

/** Logs lists and sends batches of events at a fixture; returns the receipt times of the batches sent as history. */
function drive(f: ReturnType<typeof loopFixture>, seed: number, flushEvery: number): Set<number> {
  const history = new Set<number>();
  const r = seeded(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const lists: { id: string; shopper: string | null; items: string[] }[] = [];
  let t = T0;
  for (let round = 0; round < 30; round++) {
    for (let l = 0; l < 6; l++) {
      const shopper = r() < 0.1 ? null : `u${Math.floor(r() * 10)}`;
      const items = Array.from({ length: 5 }, () => `i${Math.floor(r() * 25)}`);
      t += Math.floor(r() * 3 * MIN);
      t += 1;
      lists.push({ id: f.list(shopper, items, t, r() < 0.3 ? { sessionId: null } : {}), shopper, items });
      // Now and then a second list at the same time with the same items in another order: the later logged wins the tie.
      if (r() < 0.2) {
        const again = [...items].reverse();
        lists.push({ id: f.list(shopper, again, t, r() < 0.5 ? { sessionId: null } : {}), shopper, items: again });
      }
    }
    const events: EventInput[] = [];
    for (let e = 0; e < 25; e++) {
      const l = pick(lists);
      const shopper = l.shopper === null || r() < 0.1 ? `u${Math.floor(r() * 10)}` : l.shopper;
      const type = pick(['view', 'view', 'search', 'click', 'click', 'add_to_cart', 'purchase'] as const);
      const ev: EventInput = {
        type,
        shopperId: shopper,
        ...(type === 'search' ? { query: 'q' } : { itemId: r() < 0.8 ? pick(l.items) : `i${Math.floor(r() * 25)}` }),
        // Up to 40 minutes back (some fall out of a click's window; some are out of order), or a little ahead.
        ts: t - Math.floor(r() * 40 * MIN) + Math.floor(r() * 2 * SKEW_MS),
      };
      if (r() < 0.3) ev.sessionId = `${shopper}-s${1 + Math.floor(r() * 2)}`;
      const named = r();
      if (named < 0.4) ev.impressionId = l.id;
      else if (named < 0.45) ev.impressionId = 'no-such-list';
      if (ev.impressionId !== undefined) ev.position = 1 + Math.floor(r() * 6);
      if (type === 'purchase' && r() < 0.5) Object.assign(ev, { price: 3, quantity: 2 });
      if (r() < 0.08) ev.id = `dup-${Math.floor(r() * 6)}`;
      events.push(ev);
    }
    const receivedAt = t + Math.floor(r() * 10 * MIN);
    if (round % 7 === 3) history.add(receivedAt);
    f.ingest(events, receivedAt, false, round % 7 === 3);
    if (round % flushEvery === flushEvery - 1) f.loop.flush();
  }
  f.loop.flush();
  return history;
}

/** The rewards table as the rules say it should be, from the events and lists stored. */
function expectedRewards(f: ReturnType<typeof loopFixture>, historyRounds: (receivedAt: number) => boolean): unknown[] {
  const events = f.db.prepare('SELECT * FROM events ORDER BY seq').all() as Stored[];
  const lists = (f.db.prepare('SELECT rowid, * FROM impressions').all() as List[]).map((l) => ({ ...l, itemIds: decodeStoredItems(l.items, () => undefined) as { itemId: string; position: number }[] }));
  const byId = new Map(lists.map((l) => [l.impression_id, l]));
  const latest = new Map<string, number>();
  const outcome = new Map<string, { seen: Record<string, Set<string>>; revenue: number }>();
  const out: unknown[] = [];
  for (const e of events) {
    const before = latest.get(e.shopper_id);
    const outOfOrder = before !== undefined && e.ts < before;
    if (!outOfOrder) latest.set(e.shopper_id, e.ts);
    if (e.item_id === null || !['click', 'add_to_cart', 'purchase'].includes(e.type)) continue;
    const item = e.item_id;
    let list: (typeof lists)[number] | undefined;
    let kind: string;
    let reason: string | null = null;
    if (e.impression_id !== null) {
      list = byId.get(e.impression_id);
      if (!list) reason = 'unknown-impression';
      else if (list.shopper_id !== null && list.shopper_id !== e.shopper_id) reason = 'other-shopper';
      else if (!list.itemIds.some((i) => i.itemId === item)) reason = 'item-not-in-impression';
      kind = 'explicit';
    } else {
      const candidates = lists
        .filter((l) => l.shopper_id === e.shopper_id && l.created_at <= e.ts + SKEW_MS && l.created_at >= e.ts - (WINDOW_MS[e.type] as number))
        .filter((l) => l.itemIds.some((i) => i.itemId === item));
      // The latest list at or before the event; only without one, the earliest within the clock-skew allowance after it.
      const before = candidates.filter((l) => l.created_at <= e.ts).sort((a, b) => b.created_at - a.created_at || b.rowid - a.rowid);
      const after = candidates.filter((l) => l.created_at > e.ts).sort((a, b) => a.created_at - b.created_at || b.rowid - a.rowid);
      list = before[0] ?? after[0];
      if (!list) reason = 'no-impression-in-window';
      kind = list && list.session_id !== null && list.session_id !== e.session_id ? 'cross-session' : 'window';
    }
    const value = e.type === 'purchase' ? (e.price ?? PRICE) * (e.quantity ?? 1) : 0;
    const history = historyRounds(e.received_at);
    const late = !history && e.received_at - e.ts > LATE_MS;
    const common = { seq: e.seq, item_id: item, type: e.type, value, quantity: e.quantity ?? 1, ts: e.ts, late: late ? 1 : 0, out_of_order: outOfOrder ? 1 : 0, history: history ? 1 : 0 };
    if (reason !== null || !list) {
      out.push({ ...common, impression_id: null, position: e.position, kind: 'unmatched', reason, first_for_item: 0, first_for_list: 0, list_value_before: 0 });
      continue;
    }
    let o = outcome.get(list.impression_id);
    if (!o) outcome.set(list.impression_id, (o = { seen: { click: new Set(), add_to_cart: new Set(), purchase: new Set() }, revenue: 0 }));
    const seen = o.seen[e.type] as Set<string>;
    out.push({
      ...common,
      impression_id: list.impression_id,
      position: (list.itemIds.find((i) => i.itemId === item) as { position: number }).position,
      kind,
      reason: null,
      first_for_item: seen.has(item) ? 0 : 1,
      first_for_list: seen.size === 0 ? 1 : 0,
      list_value_before: o.revenue,
    });
    seen.add(item);
    o.revenue += value;
  }
  return out;
}

describe('attribution against a plain reading of the rules', () => {
  for (const maxLists of [100_000, 25]) {
    it(`every reward row is what the rules give (${maxLists === 25 ? 'most lists read back from the store' : 'lists in memory'})`, () => {
      const f = loopFixture({ maxLists });
      try {
        const history = drive(f, 21, 5);
        const rows = f.rewards();
        const expected = expectedRewards(f, (at) => history.has(at));
        // The stream covers every case.
        const kinds = new Set(rows.map((r) => r.reason ?? r.kind));
        for (const k of ['explicit', 'window', 'cross-session', 'unknown-impression', 'other-shopper', 'item-not-in-impression', 'no-impression-in-window']) expect(kinds).toContain(k);
        expect(rows.some((r) => r.late === 1)).toBe(true);
        expect(rows.some((r) => (r as { out_of_order?: number }).out_of_order === 1)).toBe(true);
        expect(rows.some((r) => r.first_for_item === 0 && r.kind !== 'unmatched')).toBe(true);
        expect(rows).toEqual(expected);
        const stats = f.loop.attributionStats();
        expect(stats.rewards).toBe(expected.length);
        expect(stats.duplicates).toBeGreaterThan(0);
      } finally {
        f.cleanup();
      }
    });
  }

  it('the roll-ups are the same whether written after every batch or once at the end', () => {
    const read = (flushEvery: number): unknown[] => {
      const f = loopFixture();
      try {
        drive(f, 33, flushEvery);
        return [
          f.db.prepare('SELECT * FROM metric_rollups ORDER BY dim, slot, value, bucket').all(),
          f.db.prepare('SELECT * FROM position_rollups ORDER BY slot, explored, position, bucket').all(),
          f.loop.attributionStats(),
        ];
      } finally {
        f.cleanup();
      }
    };
    const often = read(1);
    expect((often[0] as { clicks: number }[]).some((r) => r.clicks > 0)).toBe(true);
    expect(read(1000)).toEqual(often);
  });

  it('the quick reward-type test agrees with REWARD_TYPES', () => {
    for (const t of ['click', 'add_to_cart', 'purchase', 'view', 'search', 'remove_from_cart', 'Click', '']) expect(isRewardType(t)).toBe(REWARD_TYPES.has(t));
  });
});
