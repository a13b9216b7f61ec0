import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEngine } from '../../../helpers/temp-dir';
import type { CatalogItem } from '../../../../src/shared/contract';

const ITEMS: CatalogItem[] = [
  { itemId: 'shoe', title: 'Trail running shoe', brand: 'Stride', category: 'Sports > Footwear', price: 90, imageUrl: 'https://img.example/shoe.jpg', attributes: { colour: 'red' } },
  { itemId: 'shoe2', title: 'Road running shoe', brand: 'Pace', category: 'Sports > Footwear', price: 40, inStock: false, attributes: { colour: 'blue' } },
  { itemId: 'sock', title: 'Running socks', brand: 'Stride', category: 'Sports > Apparel', price: 12 },
  { itemId: 'kettle', title: 'Steel kettle', brand: 'Kitchenco', category: 'Home > Kitchen', price: 30 },
];

describe('search through the engine: corrections, synonyms, facets, sort, product cards', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(async () => {
    env = tempEngine();
    await env.engine.dispatcher.call('catalog.upsert', { items: ITEMS });
  });
  afterEach(() => env.cleanup());

  it('finds a misspelt product, says what it corrected, and counts facets over the matched items', async () => {
    const result = await env.engine.dispatcher.call('search', { query: 'runnign shoe', k: 10 });
    // Both shoes first; the socks follow through the any-word fallback of keyword-only search (no encoder here).
    expect(result.items.slice(0, 2).map((i) => i.itemId).sort()).toEqual(['shoe', 'shoe2']);
    expect(result.items.map((i) => i.itemId).slice(2)).toEqual(['sock']);
    expect(result.rewrite?.corrections).toEqual([{ typed: 'runnign', corrected: ['running'] }]);
    expect(result.rewrite?.encoderText).toBe('running shoe');
    expect(result.facets).toMatchObject({ matched: 2, truncated: false, inStock: { inStock: 1, outOfStock: 1 } });
    expect(result.facets?.brands).toEqual([{ value: 'Pace', count: 1 }, { value: 'Stride', count: 1 }]);
    expect(result.facets?.categories).toEqual([{ level: 0, values: [{ value: 'Sports', count: 2 }] }, { level: 1, values: [{ value: 'Sports > Footwear', count: 2 }] }]);
    expect(result.products?.shoe).toMatchObject({ imageUrl: 'https://img.example/shoe.jpg', inStock: true });
    expect(result.products?.shoe2).toMatchObject({ imageUrl: null, inStock: false });
  });

  it('searches the words as typed when typo tolerance is switched off', async () => {
    const off = await env.engine.dispatcher.call('search', { query: 'runnign shoe', k: 10, typoTolerance: false });
    expect(off.rewrite?.corrections).toEqual([]);
    expect(off.rewrite?.encoderText).toBe('runnign shoe');
    const on = await env.engine.dispatcher.call('search', { query: 'runnign shoe', k: 10, typoTolerance: true });
    expect(on.rewrite?.corrections).toEqual([{ typed: 'runnign', corrected: ['running'] }]);
  });

  it('filters by a facet and sorts by price', async () => {
    const byBrand = await env.engine.dispatcher.call('search', { query: 'running', k: 10, facets: { brands: ['Stride'] } });
    expect(byBrand.items.map((i) => i.itemId).sort()).toEqual(['shoe', 'sock']);
    expect(byBrand.facets?.matched).toBe(2);
    // The brand facet counts as if no brand were ticked, so a second brand can be ticked; the others count the ticked brand's items.
    expect(byBrand.facets?.brands).toEqual([{ value: 'Stride', count: 2 }, { value: 'Pace', count: 1 }]);
    expect(byBrand.facets!.inStock.inStock + byBrand.facets!.inStock.outOfStock).toBe(2);
    const both = await env.engine.dispatcher.call('search', { query: 'running', k: 10, facets: { brands: ['Stride', 'Pace'] } });
    expect(both.items).toHaveLength(3);
    const cheapFirst = await env.engine.dispatcher.call('search', { query: 'running', k: 10, sort: 'priceAsc' });
    expect(cheapFirst.items.map((i) => i.price)).toEqual([12, 40, 90]);
    const dearFirst = await env.engine.dispatcher.call('search', { query: 'running', k: 10, sort: 'priceDesc' });
    expect(dearFirst.items.map((i) => i.price)).toEqual([90, 40, 12]);
  });

  it('sorts over every item the query matches, not only the most relevant, and logs the list in the order shown', async () => {
    // 60 lamps, the cheapest of them the least relevant (one "lamp" in a long title), the newest the dearest.
    const lamps: CatalogItem[] = Array.from({ length: 60 }, (_, i) => ({
      itemId: `lamp${String(i).padStart(2, '0')}`,
      title: i < 30 ? `Lamp lamp desk lamp ${i}` : `Vintage brass floor reading lamp with fabric shade and dimmer ${i}`,
      brand: i % 2 === 0 ? 'Lumo' : 'Brite',
      category: 'Home > Lighting',
      ...(i === 59 ? {} : { price: 100 - i }),
    }));
    await env.engine.dispatcher.call('catalog.upsert', { items: lamps });
    const matched = lamps.filter((l) => l.price !== undefined);
    const expected = (items: CatalogItem[], key: (l: CatalogItem) => number) => [...items].sort((a, b) => key(a) - key(b) || (a.itemId < b.itemId ? -1 : 1)).slice(0, 10).map((l) => l.itemId);

    const cheap = await env.engine.dispatcher.call('search', { query: 'lamp', k: 10, sort: 'priceAsc' });
    expect(cheap.items.map((i) => i.itemId)).toEqual(expected(matched, (l) => l.price!));
    expect(cheap.items.map((i) => i.position)).toEqual(cheap.items.map((_, n) => n + 1));
    // The relevance order would not have shown these first: the cheapest are the longest titles.
    const relevant = await env.engine.dispatcher.call('search', { query: 'lamp', k: 10 });
    expect(relevant.items.map((i) => i.itemId)).not.toEqual(cheap.items.map((i) => i.itemId));
    // The log keeps what was shown, where.
    const logged = await env.engine.dispatcher.call('explain', { impressionId: cheap.impressionId });
    expect(logged.items.map((i) => [i.itemId, i.position])).toEqual(cheap.items.map((i) => [i.itemId, i.position]));

    const dear = await env.engine.dispatcher.call('search', { query: 'lamp', k: 10, sort: 'priceDesc', facets: { brands: ['Brite'] } });
    expect(dear.items.map((i) => i.itemId)).toEqual(expected(matched.filter((l) => l.brand === 'Brite'), (l) => -l.price!));
    // The item without a price comes last when everything else is shown.
    const all = await env.engine.dispatcher.call('search', { query: 'lamp', k: 100, sort: 'priceAsc' });
    expect(all.items).toHaveLength(60);
    expect(all.items.at(-1)?.itemId).toBe('lamp59');
  });

  it('manages synonyms through the contract (audited) and applies them at once; type-ahead completes the last word', async () => {
    const set = await env.engine.dispatcher.call('synonyms.set', { set: { kind: 'one-way', from: 'teapot', terms: ['kettle'] } });
    const found = await env.engine.dispatcher.call('search', { query: 'teapot', k: 10 });
    expect(found.items.map((i) => i.itemId)).toEqual(['kettle']);
    expect(found.rewrite?.synonyms).toEqual([{ typed: 'teapot', synonyms: ['kettle'] }]);
    expect((await env.engine.dispatcher.call('synonyms.list', {})).map((s) => s.synonymId)).toEqual([set.synonymId]);
    await env.engine.dispatcher.call('synonyms.delete', { synonymId: set.synonymId });
    expect((await env.engine.dispatcher.call('search', { query: 'teapot', k: 10 })).items).toEqual([]);
    const audit = await env.engine.dispatcher.call('audit.list', {});
    expect(JSON.stringify(audit)).toContain('synonyms.create');
    expect(JSON.stringify(audit)).toContain('synonyms.delete');
    const suggest = await env.engine.dispatcher.call('search.suggest', { query: 'trail ru', k: 3 });
    expect(suggest.suggestions).toEqual([{ text: 'trail running', kind: 'term', clicks: 0, items: 3 }]);
  });

  it('learns words of items added later (catalogue upserts)', async () => {
    await env.engine.dispatcher.call('catalog.upsert', { items: [{ itemId: 'tent', title: 'Dome tent', brand: 'Camp' }] });
    expect((await env.engine.dispatcher.call('search', { query: 'dmoe tnet', k: 5 })).items.map((i) => i.itemId)).toEqual(['tent']);
  });

  it('counts facets over the catalogue as written since the last search (brand, price, stock and a filtered matched set)', async () => {
    const facetsOf = async (facets?: { brands: string[] }) => (await env.engine.dispatcher.call('search', { query: 'running', k: 10, ...(facets ? { facets } : {}) })).facets;
    expect((await facetsOf())?.brands).toEqual([{ value: 'Stride', count: 2 }, { value: 'Pace', count: 1 }]);
    expect((await facetsOf({ brands: ['Pace'] }))?.matched).toBe(1);
    await env.engine.dispatcher.call('catalog.upsert', { items: [{ ...ITEMS[2]!, brand: 'Pace', price: 300, inStock: false }] });
    const after = await facetsOf();
    expect(after?.brands).toEqual([{ value: 'Pace', count: 2 }, { value: 'Stride', count: 1 }]);
    expect(after?.inStock).toEqual({ inStock: 1, outOfStock: 2 });
    expect(after?.priceRanges.find((r) => r.min === 200)?.count).toBe(1);
    expect((await facetsOf({ brands: ['Pace'] }))?.matched).toBe(2);
  });
});
