import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { ItemCache } from '../../../../src/main/engine/recommend/item-cache';
import { FilteredItems } from '../../../../src/main/engine/retrieval/filtered-items';
import { FilteredRows, listPassing, MAX_FILTERS, MAX_PATCH } from '../../../../src/main/engine/retrieval/filtered-rows';
import { ItemFilters } from '../../../../src/main/engine/retrieval/item-filter';
import type { SearchFilters } from '../../../../src/main/engine/retrieval/search-filters';
import { semanticSearch } from '../../../../src/main/engine/retrieval/semantic-search';
import { VectorIndex } from '../../../../src/main/engine/retrieval/vector-index';
import { openDatabase } from '../../../../src/main/engine/store';
import type { StoredItem } from '../../../../src/shared/contract';
import { clusteredVectors, seededRandom, unit } from './synthetic-vectors';

const DIMS = 16;
const BRANDS = ['Acme', 'Borealis', 'Cobalt', 'Dune', 'Ember', 'Fjord', 'Gale', 'Helix'];
const CATEGORIES = ['Home > Kitchen', 'Home > Garden', 'Sports > Running', 'Sports > Cycling', 'Toys'];

/** A generated catalogue: items with brands, categories, prices and clustered vectors, in the cache and an HNSW index. */
function catalogue(n: number, seed: number): { cache: ItemCache; index: VectorIndex; filtered: FilteredItems; vectors: Map<string, Float32Array> } {
  const rnd = seededRandom(seed);
  const vecs = clusteredVectors(n, DIMS, 6, seed);
  const items: StoredItem[] = vecs.map((_, i) => ({
    itemId: `i${i}`,
    title: `item ${i}`,
    brand: BRANDS[Math.floor(rnd() * BRANDS.length)]!,
    category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!,
    price: Math.round(rnd() * 30000) / 100,
    inStock: rnd() < 0.7,
    updatedAt: 1,
  }));
  const cache = new ItemCache();
  cache.load(items);
  // A graph from 50 items on, so that the ANN paths are the graph's.
  const index = new VectorIndex('test', DIMS, { exactBelow: 50, params: { m: 12, efConstruction: 100, efSearch: 50 } });
  index.upsert(items.map((it, i) => ({ itemId: it.itemId, vector: vecs[i]! })));
  const vectors = new Map(items.map((it, i) => [it.itemId, index.vectorOf(it.itemId)!]));
  return { cache, index, filtered: new FilteredItems(openDatabase(':memory:'), cache), vectors };
}

/** The reference: every item scored, those passing the filter kept, best k. */
function bruteForce(cache: ItemCache, vectors: Map<string, Float32Array>, filters: SearchFilters, query: Float32Array, k: number): { itemId: string; score: number }[] {
  const pass = new ItemFilters(openDatabase(':memory:')).compile(filters)!;
  const scored: { itemId: string; score: number }[] = [];
  for (const item of cache.values()) {
    if (!pass(item)) continue;
    const v = vectors.get(item.itemId)!;
    let s = 0;
    for (let d = 0; d < DIMS; d++) s += v[d]! * query[d]!;
    scored.push({ itemId: item.itemId, score: s });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, k);
}

const filterArb: fc.Arbitrary<SearchFilters> = fc.oneof(
  fc.constantFrom(...BRANDS).map((b) => ({ facets: { brands: [b] } })),
  fc.constantFrom('Home', 'Sports', 'Home > Kitchen', 'Toys').map((category) => ({ category })),
  fc.record({ priceMin: fc.integer({ min: 0, max: 250 }), inStockOnly: fc.boolean() }),
  fc.tuple(fc.constantFrom(...BRANDS), fc.integer({ min: 50, max: 300 })).map(([b, max]) => ({ brand: b, priceMax: max })),
);

describe('filtered semantic search over the passing rows', () => {
  const cat = catalogue(600, 3);
  const queryArb = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((s) => {
    const r = seededRandom(s);
    return unit(Float32Array.from({ length: DIMS }, () => r() - 0.5));
  });

  it('exact path (few pass): the same top k as scoring every item and filtering', () => {
    fc.assert(
      fc.property(filterArb, queryArb, fc.integer({ min: 1, max: 60 }), (filters, query, k) => {
        const got = semanticSearch(cat.index, cat.filtered, query, k, filters);
        const want = bruteForce(cat.cache, cat.vectors, filters, query, k);
        expect(got.map((h) => h.itemId)).toEqual(want.map((h) => h.itemId));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 5));
      }),
      { numRuns: 150 },
    );
  });

  it('graph path (many pass): only passing items, k of them, near the exact top k; a locally rare filter walks the graph with the bitmap', () => {
    const searchRows = vi.spyOn(cat.index, 'searchRows');
    const searchAmong = vi.spyOn(cat.index, 'searchAmong');
    let recall = 0;
    let runs = 0;
    fc.assert(
      fc.property(filterArb, queryArb, fc.integer({ min: 1, max: 40 }), (filters, query, k) => {
        // exactMaxRows 0: every filter takes the graph path.
        const got = semanticSearch(cat.index, cat.filtered, query, k, filters, 0);
        const want = bruteForce(cat.cache, cat.vectors, filters, query, k);
        const pass = new ItemFilters(openDatabase(':memory:')).compile(filters)!;
        for (const h of got) expect(pass(cat.cache.get(h.itemId)!)).toBe(true);
        expect(got.length).toBe(want.length);
        for (let i = 1; i < got.length; i++) expect(got[i - 1]!.score).toBeGreaterThanOrEqual(got[i]!.score - 1e-6);
        const wanted = new Set(want.map((h) => h.itemId));
        recall += got.filter((h) => wanted.has(h.itemId)).length / Math.max(1, want.length);
        runs++;
      }),
      { numRuns: 150 },
    );
    expect(searchAmong).not.toHaveBeenCalled();
    expect(searchRows).toHaveBeenCalled(); // some filters are rare near some queries
    expect(recall / runs).toBeGreaterThan(0.9);
    searchRows.mockRestore();
    searchAmong.mockRestore();
  });

  it('follows catalogue writes and new vectors (the kept rows are listed again)', () => {
    const c = catalogue(300, 9);
    const query = c.vectors.get('i7')!;
    const filters = { facets: { brands: ['Zephyr'] } };
    expect(semanticSearch(c.index, c.filtered, query, 5, filters)).toEqual([]);
    // i7 becomes a Zephyr: the nearest item to its own vector.
    c.cache.upsert([{ ...c.cache.get('i7')!, brand: 'Zephyr' }]);
    expect(semanticSearch(c.index, c.filtered, query, 5, filters).map((h) => h.itemId)).toEqual(['i7']);
    // A new item with a vector and the brand.
    c.cache.upsert([{ itemId: 'new', title: 'new', brand: 'Zephyr', inStock: true, updatedAt: 2 }]);
    expect(semanticSearch(c.index, c.filtered, query, 5, filters).map((h) => h.itemId)).toEqual(['i7']); // no vector yet
    c.index.upsert([{ itemId: 'new', vector: query }]);
    expect(semanticSearch(c.index, c.filtered, query, 5, filters).map((h) => h.itemId).sort()).toEqual(['i7', 'new']);
  });
});

/** The cache as FilteredRows reads it, with `values` (a full listing) counted. */
function spied(cache: ItemCache, values: () => ReturnType<ItemCache['values']>) {
  return {
    values,
    get: (id: string) => cache.get(id),
    get version() {
      return cache.version;
    },
    changedSince: (v: number) => cache.changedSince(v),
  };
}

describe('FilteredRows', () => {
  it('lists exactly the rows of passing items with a vector, kept until the catalogue or the index changes', () => {
    const c = catalogue(200, 5);
    const values = vi.fn(() => c.cache.values());
    const rows = new FilteredRows(spied(c.cache, values));
    const pred = new ItemFilters(openDatabase(':memory:')).compile({ brand: 'Acme' })!;
    const first = rows.get(c.index, 'acme', pred, 1000);
    const want = [...c.cache.values()].filter((i) => i.brand === 'Acme').map((i) => c.index.rowOf(i.itemId)!).sort((a, b) => a - b);
    expect([...first.rows!]).toEqual(want);
    expect(first.count).toBe(want.length);
    expect([...first.bits].flatMap((b, r) => (b === 1 ? [r] : []))).toEqual(want);
    expect(rows.get(c.index, 'acme', pred, 1000)).toBe(first);
    expect(values).toHaveBeenCalledTimes(1);
    // Over the list limit: the bitmap only.
    expect(rows.get(c.index, 'acme', pred, 1).rows).toBeNull();
    rows.get(c.index, 'acme', pred, 1000); // another list limit: listed again
    // A write: the kept entry is patched from the change log, not listed again.
    const listings = values.mock.calls.length;
    const i0 = c.cache.get('i0')!;
    c.cache.upsert([{ ...i0, brand: i0.brand === 'Acme' ? 'Borealis' : 'Acme' }]);
    const patched = rows.get(c.index, 'acme', pred, 1000);
    expect(patched).toEqual(listPassing(c.cache.values(), c.index, pred, 1000));
    expect(patched.count).toBe(first.count + (i0.brand === 'Acme' ? -1 : 1));
    expect(values.mock.calls.length).toBe(listings);
    const other = new VectorIndex('test', DIMS);
    other.upsert([{ itemId: 'i0', vector: c.vectors.get('i0')! }]);
    expect(rows.get(other, 'acme', pred, 1000).count).toBe(c.cache.get('i0')!.brand === 'Acme' ? 1 : 0);
  });

  it('keeps at most MAX_FILTERS filters, the least recently used dropped', () => {
    const c = catalogue(60, 6);
    const values = vi.fn(() => c.cache.values());
    const rows = new FilteredRows(spied(c.cache, values));
    const pred = () => true;
    for (let i = 0; i <= MAX_FILTERS; i++) rows.get(c.index, `f${i}`, pred, 10);
    expect(rows.size).toBe(MAX_FILTERS);
    const calls = values.mock.calls.length;
    rows.get(c.index, `f${MAX_FILTERS}`, pred, 10);
    expect(values.mock.calls.length).toBe(calls);
    rows.get(c.index, 'f0', pred, 10); // dropped: listed again
    expect(values.mock.calls.length).toBe(calls + 1);
  });
});

describe('FilteredRows kept up to date', () => {
  it('after any sequence of writes and new vectors, equals a fresh listing; listed again only past MAX_PATCH or a load', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('write' as const), ids: fc.array(fc.integer({ min: 100, max: 130 }), { minLength: 1, maxLength: 5 }), brand: fc.constantFrom(...BRANDS), price: fc.integer({ min: 0, max: 300 }) }),
            fc.record({ kind: fc.constant('vector' as const), n: fc.integer({ min: 1, max: 3 }) }),
            fc.record({ kind: fc.constant('search' as const), key: fc.constantFrom('brand', 'cheap'), listUpTo: fc.constantFrom(0, 30, 1000) }),
          ),
          { maxLength: 60 },
        ),
        (steps) => {
          const c = catalogue(120, 11);
          const values = vi.fn(() => c.cache.values());
          const rows = new FilteredRows(spied(c.cache, values));
          const compiler = new ItemFilters(openDatabase(':memory:'));
          const preds = { brand: compiler.compile({ facets: { brands: ['Acme', 'Dune'] } })!, cheap: compiler.compile({ priceMax: 80, inStockOnly: true })! };
          let added = 0;
          for (const step of steps) {
            if (step.kind === 'write') {
              c.cache.upsert(step.ids.map((i) => ({ ...(c.cache.get(`i${i}`) ?? { itemId: `i${i}`, title: 'x', inStock: true, updatedAt: 1 }), brand: step.brand, price: step.price })));
            } else if (step.kind === 'vector') {
              for (let j = 0; j < step.n; j++, added++) {
                const id = `i${120 + added}`; // written before (an item in the cache), or not yet
                c.index.upsert([{ itemId: id, vector: c.vectors.get('i0')! }]);
              }
            } else {
              const got = rows.get(c.index, step.key, preds[step.key], step.listUpTo);
              expect(got).toEqual(listPassing(c.cache.values(), c.index, preds[step.key], step.listUpTo));
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lists again when more than MAX_PATCH items changed', () => {
    const c = catalogue(100, 12);
    const values = vi.fn(() => c.cache.values());
    const rows = new FilteredRows(spied(c.cache, values));
    const pred = new ItemFilters(openDatabase(':memory:')).compile({ brand: 'Acme' })!;
    rows.get(c.index, 'acme', pred, 1000);
    const item = c.cache.get('i1')!;
    c.cache.upsert(Array.from({ length: MAX_PATCH + 1 }, () => item));
    expect(rows.get(c.index, 'acme', pred, 1000)).toEqual(listPassing(c.cache.values(), c.index, pred, 1000));
    expect(values).toHaveBeenCalledTimes(2);
  });
});

describe('ItemCache.changedSince', () => {
  it('gives the ids written after a version, or undefined once the log no longer reaches back', async () => {
    const { CHANGE_LOG } = await import('../../../../src/main/engine/recommend/item-cache');
    const cache = new ItemCache();
    const item = (id: string): StoredItem => ({ itemId: id, title: id, inStock: true, updatedAt: 1 });
    cache.load([item('a')]);
    const v0 = cache.version;
    expect(cache.changedSince(v0)).toEqual([]);
    expect(cache.changedSince(v0 - 1)).toBeUndefined(); // before the load
    cache.upsert([item('b'), item('c')]);
    const v1 = cache.version;
    cache.upsert([item('b')]);
    expect(cache.changedSince(v0)).toEqual(['b', 'c', 'b']);
    expect(cache.changedSince(v1)).toEqual(['b']);
    cache.upsert(Array.from({ length: CHANGE_LOG }, (_, i) => item(`x${i}`)));
    expect(cache.changedSince(v1)).toBeUndefined();
    const v2 = cache.version;
    cache.upsert([item('d')]);
    expect(cache.changedSince(v2)).toEqual(['d']);
  });
});
