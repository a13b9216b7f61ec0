import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../../../src/shared/contract/catalog';
import { EventInput } from '../../../../src/shared/contract/events';
import { generateCatalog } from '../../../../src/main/engine/demo/catalog-generator';
import { SESSION_INACTIVITY_MS, generateShopperEvents } from '../../../../src/main/engine/demo/shopper-generator';
import { shopLeafFor } from '../../../../src/main/engine/demo/vocabulary';

const DAY = 86_400_000;
const startTs = Date.UTC(2025, 2, 1);
const days = 10;
const catalog = generateCatalog({ seed: 7, count: 2_000 });
const itemsById = new Map(catalog.map((i) => [i.itemId, i]));
const options = { seed: 7, catalog, shoppers: 200, startTs, days };
const events = generateShopperEvents(options);

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [t]);
    else g.push(t);
  }
  return groups;
}

const sessions = groupBy(events, (e) => e.sessionId ?? '');
const countOf = (type: string): number => events.filter((e) => e.type === type).length;

describe('generateShopperEvents', () => {
  it('is deterministic per seed', () => {
    expect(generateShopperEvents(options)).toEqual(events);
    const other = generateShopperEvents({ ...options, seed: 8 });
    expect(other.map((e) => [e.type, e.itemId, e.ts])).not.toEqual(events.map((e) => [e.type, e.itemId, e.ts]));
  });

  it('produces tens of thousands of events that the contract accepts', () => {
    expect(events.length).toBeGreaterThan(10_000);
    expect(events.filter((e) => !EventInput.safeParse(e).success)).toEqual([]);
  });

  it('numbers events demo-<seed>-<n> in time order', () => {
    const misfits = events.filter(
      (e, i) =>
        e.id !== `demo-7-${i + 1}` ||
        (i > 0 && e.ts! < events[i - 1]!.ts!) ||
        e.ts! < startTs ||
        e.ts! >= startTs + days * DAY ||
        !/^U\d{5}$/.test(e.shopperId) ||
        e.sessionId?.startsWith(`${e.shopperId}-S`) !== true,
    );
    expect(misfits).toEqual([]);
  });

  it('names real catalogue items and searches with queries', () => {
    const misfits = events.filter(
      (e) =>
        (e.type === 'search' ? (e.query ?? '').length === 0 : !itemsById.has(e.itemId ?? '')) ||
        (e.price !== undefined && e.price !== itemsById.get(e.itemId ?? '')?.price),
    );
    expect(misfits).toEqual([]);
  });

  it('keeps events of a session close together and sessions more than 30 minutes apart', () => {
    const gaps: number[] = [];
    for (const session of sessions.values()) {
      for (let i = 1; i < session.length; i++) gaps.push(session[i]!.ts! - session[i - 1]!.ts!);
    }
    expect(Math.min(...gaps)).toBeGreaterThan(0);
    expect(Math.max(...gaps)).toBeLessThan(SESSION_INACTIVITY_MS);
    for (const shopperEvents of groupBy(events, (e) => e.shopperId).values()) {
      const ordered = [...groupBy(shopperEvents, (e) => e.sessionId ?? '').entries()];
      ordered.forEach(([sessionId, list], i) => {
        expect(sessionId).toBe(`${list[0]!.shopperId}-S${i + 1}`);
        if (i > 0) {
          const previous = ordered[i - 1]![1];
          expect(list[0]!.ts! - previous[previous.length - 1]!.ts!).toBeGreaterThan(SESSION_INACTIVITY_MS);
        }
      });
    }
  });

  it('runs a funnel: views > clicks > carts > purchases, and purchases only what is in the cart', () => {
    expect(countOf('view')).toBeGreaterThan(countOf('click'));
    expect(countOf('click')).toBeGreaterThan(countOf('add_to_cart'));
    expect(countOf('add_to_cart')).toBeGreaterThan(countOf('purchase'));
    expect(countOf('purchase')).toBeGreaterThan(0);
    expect(countOf('remove_from_cart')).toBeGreaterThan(0);
    for (const session of sessions.values()) {
      const cart = new Map<string, number>();
      for (const e of session) {
        const id = e.itemId ?? '';
        if (e.type === 'add_to_cart') cart.set(id, e.quantity ?? 0);
        if (e.type === 'remove_from_cart') {
          expect(cart.has(id)).toBe(true);
          cart.delete(id);
        }
        if (e.type === 'purchase') {
          expect(cart.get(id)).toBe(e.quantity);
          expect(e.quantity).toBeGreaterThanOrEqual(1);
          expect(e.price).toBeDefined();
        }
      }
    }
  });

  it('follows intents: a shopper mostly browses one department and searches its vocabulary', () => {
    let share = 0;
    let shoppers = 0;
    for (const list of groupBy(events.filter((e) => e.type === 'view'), (e) => e.shopperId).values()) {
      const byDepartment = groupBy(list, (e) => itemsById.get(e.itemId ?? '')?.category?.split(' > ')[0] ?? '');
      share += Math.max(...[...byDepartment.values()].map((g) => g.length)) / list.length;
      shoppers++;
    }
    expect(share / shoppers).toBeGreaterThan(0.7);

    // A search's first impression is an item whose category vocabulary contains the query's last word.
    for (const session of sessions.values()) {
      session.forEach((e, i) => {
        const next = session[i + 1];
        if (e.type !== 'search' || next?.type !== 'impression') return;
        const leaf = shopLeafFor(itemsById.get(next.itemId ?? '')?.category ?? '');
        const lastWord = e.query?.split(' ').pop() ?? '';
        expect(leaf?.leaf.nouns.some((n) => n.toLowerCase().includes(lastWord))).toBe(true);
      });
    }
  });

  it('gives each shopper the same behaviour however many shoppers are simulated', () => {
    const few = generateShopperEvents({ ...options, shoppers: 3 });
    const strip = (list: readonly EventInput[]): unknown[] => list.map(({ id: _id, ...rest }) => rest);
    expect(strip(few)).toEqual(strip(events.filter((e) => ['U00001', 'U00002', 'U00003'].includes(e.shopperId))));
  });

  it('can leave out impressions', () => {
    const quiet = generateShopperEvents({ ...options, shoppers: 20, impressions: false });
    expect(quiet.length).toBeGreaterThan(0);
    expect(quiet.some((e) => e.type === 'impression')).toBe(false);
  });

  it('works on a foreign catalogue without categories or prices', () => {
    const foreign: CatalogItem[] = Array.from({ length: 30 }, (_, i) => ({ itemId: `sku-${i}`, title: `Plain mug ${i}` }));
    const out = generateShopperEvents({ seed: 1, catalog: foreign, shoppers: 10, startTs, days: 3 });
    expect(out.length).toBeGreaterThan(0);
    for (const e of out) {
      expect(EventInput.parse(e)).toEqual(e);
      expect(e.price).toBeUndefined();
    }
  });

  it('handles empty input and rejects bad counts', () => {
    expect(generateShopperEvents({ ...options, catalog: [] })).toEqual([]);
    expect(generateShopperEvents({ ...options, shoppers: 0 })).toEqual([]);
    expect(() => generateShopperEvents({ ...options, shoppers: -1 })).toThrow(RangeError);
    expect(() => generateShopperEvents({ ...options, days: Number.NaN })).toThrow(RangeError);
  });
});
