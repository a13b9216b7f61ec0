import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type CatalogItem, type RankedList } from '../../../../src/shared/contract';
import type { Engine } from '../../../../src/main/engine/engine';
import { startHttpServer } from '../../../../src/main/engine/server/http-server';
import { recommendFixture } from './recommend-fixture';

function sumContributions(list: RankedList): number[] {
  return list.items.map((i) => CHANNELS.reduce((s, c) => s + i.contributions[c], 0) + i.rules.reduce((s, r) => s + r.effect, 0) - i.score);
}

describe('recommend', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  let catalog: CatalogItem[];
  beforeAll(async () => {
    fx = await recommendFixture(undefined, undefined, { afterPurchase: { days: 7 } });
    engine = fx.engine;
    catalog = fx.catalog;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  it('gives an unknown shopper the cold-start list, not an error', async () => {
    const list = await engine.dispatcher.call('recommend', { shopperId: 'nobody-yet', k: 10 });
    expect(list.coldStart).toBe(true);
    expect(list.items).toHaveLength(10);
    expect(list.items.every((i) => i.sources.some((s) => s === 'popular' || s === 'trending'))).toBe(true);
  });

  it('reflects an acknowledged event in the very next call: the viewed item\u2019s category rises', async () => {
    const target = catalog[5]!;
    const sameLeaf = (list: RankedList): number => list.items.filter((i) => i.category === target.category).length;
    const before = await engine.dispatcher.call('recommend', { shopperId: 'fresh-1', k: 10 });
    await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: 'fresh-1', itemId: target.itemId }] });
    const after = await engine.dispatcher.call('recommend', { shopperId: 'fresh-1', k: 10 });
    expect(after.coldStart).toBe(false);
    expect(sameLeaf(after)).toBeGreaterThan(sameLeaf(before));
    expect(after.items.some((i) => i.sources.includes('ann'))).toBe(true);
    // The neighbours of the viewed item are what the intent vector now finds first.
    const neighbours = engine.retrieval().similar(target.itemId, 20).map((h) => h.itemId);
    expect(after.items.filter((i) => neighbours.includes(i.itemId)).length).toBeGreaterThanOrEqual(3);
  });

  it('is just as fresh over HTTP: ingest, then the next recommend reflects it', async () => {
    const server = await startHttpServer(engine);
    const call = async (method: string, body: unknown): Promise<RankedList> => {
      const res = await fetch(`${server.url}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(body) });
      return ((await res.json()) as { result: RankedList }).result;
    };
    try {
      const target = catalog[77]!;
      const before = await call('recommend', { shopperId: 'http-1', k: 10 });
      expect(before.coldStart).toBe(true);
      await call('events.ingest', { events: [{ type: 'add_to_cart', shopperId: 'http-1', itemId: target.itemId }] });
      const after = await call('recommend', { shopperId: 'http-1', k: 10 });
      expect(after.coldStart).toBe(false);
      expect(after.items.filter((i) => i.category === target.category).length).toBeGreaterThan(before.items.filter((i) => i.category === target.category).length);
    } finally {
      await server.close();
    }
  });

  it('explains every item: channel contributions plus rule effects add up to the score', async () => {
    const list = await engine.dispatcher.call('recommend', { shopperId: 'fresh-1', k: 20 });
    for (const gap of sumContributions(list)) expect(Math.abs(gap)).toBeLessThan(1e-9);
    const logged = await engine.dispatcher.call('explain', { impressionId: list.impressionId });
    expect(logged.items.map((i) => i.itemId)).toEqual(list.items.map((i) => i.itemId));
    expect(list.items.every((i) => i.propensity > 0 && i.propensity <= 1)).toBe(true);
  });

  it('applies pin, bury and filter rules, and reports which fired', async () => {
    const base = await engine.dispatcher.call('recommend', { shopperId: 'fresh-1', k: 10 });
    const pinned = catalog[300]!;
    const pin = await engine.dispatcher.call('rules.create', { kind: 'pin', target: { type: 'item', itemId: pinned.itemId }, position: 3, note: 'promo', confirm: { reason: 'rules under test' } });
    const topBrand = base.items[0]!.brand!;
    const bury = await engine.dispatcher.call('rules.create', { kind: 'bury', target: { type: 'brand', brand: topBrand }, strength: 1, confirm: { reason: 'rules under test' } });
    const filteredCategory = base.items[1]!.category!;
    await engine.dispatcher.call('rules.create', { kind: 'filter', target: { type: 'category', category: filteredCategory }, confirm: { reason: 'rules under test' } });
    const ruled = await engine.dispatcher.call('recommend', { shopperId: 'fresh-1', k: 10 });
    expect(ruled.items[2]?.itemId).toBe(pinned.itemId);
    expect(ruled.items[2]?.rules.map((r) => r.ruleId)).toContain(pin.ruleId);
    expect(ruled.items.some((i) => i.category === filteredCategory && i.itemId !== pinned.itemId)).toBe(false);
    const buriedAt = ruled.items.findIndex((i) => i.brand === topBrand);
    expect(buriedAt === -1 || buriedAt > 0).toBe(true);
    expect(ruled.items.filter((i) => i.rules.some((r) => r.ruleId === bury.ruleId)).every((i) => i.rules.find((r) => r.ruleId === bury.ruleId)!.effect < 0)).toBe(true);
    for (const r of await engine.dispatcher.call('rules.list', {})) await engine.dispatcher.call('rules.delete', { ruleId: r.ruleId });
  });

  it('a weights change takes effect on the next request and is versioned', async () => {
    const v = await engine.dispatcher.call('weights.get', {});
    const onlyPopular = Object.fromEntries(CHANNELS.map((c) => [c, c === 'popularity' ? 1 : 0])) as typeof v.weights;
    const next = await engine.dispatcher.call('weights.set', { weights: onlyPopular, note: 'popularity only', confirm: { reason: 'weights under test' } });
    expect(next.version).toBe(v.version + 1);
    const list = await engine.dispatcher.call('recommend', { shopperId: 'fresh-1', k: 10 });
    expect(list.weightsVersion).toBe(next.version);
    // Only popularity carries weight now: every score is its popularity contribution, and the list
    // opens with its most popular item (diversity may reorder the rest).
    for (const item of list.items) {
      expect(item.score).toBeCloseTo(item.contributions.popularity, 12);
      expect(item.contributions.text).toBe(0);
    }
    const pops = list.items.map((i) => i.contributions.popularity);
    expect(pops[0]).toBe(Math.max(...pops));
    await engine.dispatcher.call('weights.rollback', { version: v.version });
  });

  it('rejects k out of range and a rule on an unknown item with errors naming the field', async () => {
    await expect(engine.dispatcher.call('recommend', { shopperId: 'x', k: 0 })).rejects.toMatchObject({ code: 'bad_request', issues: [{ path: 'k' }] });
    await expect(engine.dispatcher.call('recommend', { k: 5 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(engine.dispatcher.call('rules.create', { kind: 'pin', target: { type: 'item', itemId: 'NO-SUCH-ITEM' }, position: 1 })).rejects.toMatchObject({
      issues: [{ path: 'target.itemId' }],
    });
  });

  it('searches by keywords and meaning, records the query as an intent event, and re-ranks by it', async () => {
    const item = catalog[42]!;
    const words = item.title.split(/\s+/).slice(-3).join(' ');
    const before = engine.stats.stats().events;
    const result = await engine.dispatcher.call('search', { query: words, shopperId: 'searcher', k: 10 });
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.items.some((i) => i.sources.some((s) => s.includes('lexical')))).toBe(true);
    expect(engine.stats.stats().events).toBe(before + 1);
    const rec = await engine.dispatcher.call('recommend', { shopperId: 'searcher', k: 10 });
    expect(rec.coldStart).toBe(false);
    expect(rec.items.some((i) => i.sources.includes('ann'))).toBe(true);
  });

  it('searches a new query\u2019s keywords while the query is embedded, once, with the same reply as a known query', async () => {
    const retrieval = engine.retrieval();
    const half = vi.spyOn(retrieval, 'searchKeywordHalf');
    const hybrid = vi.spyOn(retrieval, 'searchHybrid');
    try {
      // Two of an item's title words, in an order no other test asks for (a query not embedded before).
      const query = catalog[9]!.title.split(/\s+/).slice(-2).reverse().join(' ');
      const first = await engine.dispatcher.call('search', { query, k: 10, facets: { priceRanges: [{ min: 0, max: 1_000_000 }] } });
      expect(half).toHaveBeenCalledTimes(1);
      expect(hybrid).toHaveBeenCalledTimes(1);
      expect(hybrid.mock.calls[0]![5]).toBe(half.mock.results[0]!.value);
      // Asked again, the query's vector is known: nothing to wait for, so the hybrid search reads the keywords itself.
      const again = await engine.dispatcher.call('search', { query, k: 10, facets: { priceRanges: [{ min: 0, max: 1_000_000 }] } });
      expect(half).toHaveBeenCalledTimes(1);
      expect(hybrid.mock.calls[1]![5]).toBeUndefined();
      expect(again.items.map((i) => i.itemId)).toEqual(first.items.map((i) => i.itemId));
      expect(again.facets).toEqual(first.facets);
      expect(first.items.some((i) => i.sources.some((s) => s.includes('lexical')))).toBe(true);
    } finally {
      half.mockRestore();
      hybrid.mockRestore();
    }
  });

  it('embeds a new item and adds it to the ANN index without a rebuild, a moment after it is stored', async () => {
    const finished = new Promise<void>((resolve) => {
      const off = engine.bus.subscribe('jobs.progress', (job) => {
        if (job.kind === 'embed-catalogue' && job.status === 'succeeded') {
          off();
          resolve();
        }
      });
    });
    const base = catalog[3]!;
    await engine.dispatcher.call('catalog.upsert', { items: [{ ...base, itemId: 'NEW-1', title: `${base.title} (2027 edition)` }] });
    expect(engine.retrieval().index.vectorOf('NEW-1')).toBeUndefined();
    await finished;
    expect(engine.retrieval().index.vectorOf('NEW-1')).toBeDefined();
    const near = engine.retrieval().similar(base.itemId, 5).map((h) => h.itemId);
    expect(near).toContain('NEW-1');
  });

  it('similar items of an unknown id is not_found', async () => {
    await expect(engine.dispatcher.call('similar', { itemId: 'missing', k: 5 })).rejects.toMatchObject({ code: 'not_found' });
    const sim = await engine.dispatcher.call('similar', { itemId: catalog[0]!.itemId, k: 5 });
    expect(sim.items).toHaveLength(5);
    expect(sim.items.map((i) => i.itemId)).not.toContain(catalog[0]!.itemId);
  });
  it('after a purchase, leaves substitutes (the bought item\u2019s category) out of recommendation lists, not out of search or a product page', async () => {
    // A category with several items: the shopper looks at a few, then buys one.
    const byCategory = new Map<string, CatalogItem[]>();
    for (const item of catalog) if (item.category) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
    const [category, members] = [...byCategory].sort((a, b) => b[1].length - a[1].length)[0]!;
    const shopperId = 'helmet-buyer';
    await engine.dispatcher.call('events.ingest', { events: members.slice(0, 4).map((m) => ({ type: 'view' as const, shopperId, itemId: m.itemId })) });
    const inCategory = (list: RankedList) => list.items.filter((i) => i.category === category).length;
    expect(inCategory(await engine.dispatcher.call('recommend', { shopperId, k: 10 }))).toBeGreaterThanOrEqual(3);

    await engine.dispatcher.call('events.ingest', { events: [{ type: 'add_to_cart', shopperId, itemId: members[0]!.itemId }, { type: 'purchase', shopperId, itemId: members[0]!.itemId, price: 10, quantity: 1 }] });
    const after = await engine.dispatcher.call('recommend', { shopperId, k: 60 });
    expect(after.items.length).toBe(60);
    expect(inCategory(after)).toBe(0);
    // What the rule left out, and why, is what the rules preview shows.
    const preview = await engine.dispatcher.call('rules.preview', { slot: 'home', shopperId, k: 10 });
    expect(preview.ruleIds).toContain('after-purchase');
    const removed = preview.moves.filter((m) => m.removedBy === 'after-purchase');
    expect(removed.length).toBeGreaterThanOrEqual(3);
    expect(removed.every((m) => m.category === category && m.move === 'removed')).toBe(true);

    // A product page is about its item, and a search asks for a kind of thing: nothing is left out there.
    const productPage = await engine.dispatcher.call('recommend', { shopperId, k: 10, slot: 'product', context: { itemId: members[1]!.itemId } });
    expect(inCategory(productPage)).toBeGreaterThan(0);
    const search = await engine.dispatcher.call('search', { query: members[1]!.title, shopperId, k: 10 });
    expect(inCategory(search)).toBeGreaterThan(0);
  });
});
