import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facetCounts, LexicalSearch, MatchedFacets } from '../../../../src/main/engine/retrieval';
import { disjunctiveFacets } from '../../../../src/main/engine/retrieval/disjunctive-facets';
import { DocFacets } from '../../../../src/main/engine/retrieval/doc-facets';
import type { LexicalPlan } from '../../../../src/main/engine/retrieval/query-plan';
import type { SearchFilters } from '../../../../src/main/engine/retrieval/search-filters';
import { CatalogRepository, openDatabase } from '../../../../src/main/engine/store';
import { ItemCache } from '../../../../src/main/engine/recommend/item-cache';
import type { CatalogItem, SearchFacets } from '../../../../src/shared/contract';

const WORDS = ['lamp', 'desk', 'oak', 'steel'];

/** Few values, so that items share brands, paths and attribute sets and counts tie. */
const item = fc.record({
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
  brand: fc.option(fc.constantFrom('Acme', 'ACME', 'Bolt', 'Crest'), { nil: undefined }),
  category: fc.option(fc.constantFrom('Home', 'Home > Office', 'Home > Office > Desks', 'Garden', 'A >  > B'), { nil: undefined }),
  price: fc.option(fc.constantFrom(0, 10, 25, 49.99, 50, 120, 200, 499, 500, 900), { nil: undefined }),
  inStock: fc.boolean(),
  attributes: fc.option(
    fc.record({ colour: fc.constantFrom('red', 'blue'), size: fc.constantFrom(1, 1.5, 2), oak: fc.boolean(), 'bad"name': fc.constant('x') }, { requiredKeys: [] }),
    { nil: undefined },
  ),
});

type Generated = typeof item extends fc.Arbitrary<infer T> ? T : never;

const FILTERS: (SearchFilters | undefined)[] = [
  undefined,
  undefined,
  { facets: { priceRanges: [{ min: 0, max: 50 }] } },
  { facets: { brands: ['acme'] } },
  { facets: { brands: ['Bolt'], priceRanges: [{ min: 0, max: 50 }] } },
  { category: 'Home', inStockOnly: true },
  { facets: { attributes: [{ name: 'size', values: ['1.5', '2'] }] } },
  // Held for SQL (a lone surrogate): the item-id path.
  { brand: '\uD800' },
];

type Step =
  | { kind: 'search'; words: string[]; prefix: boolean; filter: number; limit: number }
  | { kind: 'upsert'; items: { index: number; item: Generated }[] }
  | { kind: 'reload' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('search' as const), words: fc.array(fc.constantFrom(...WORDS, 'st', 'zzz'), { minLength: 1, maxLength: 2 }), prefix: fc.boolean(), filter: fc.nat(FILTERS.length - 1), limit: fc.constantFrom(0, 1, 3, 20, 20_000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('upsert' as const), items: fc.array(fc.record({ index: fc.nat(40), item }), { minLength: 1, maxLength: 5 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

const planOf = (words: string[], prefix: boolean): LexicalPlan => ({
  groups: words.map((w, i) => ({ typed: [w], synonyms: [], corrections: [], prefix: prefix && i === words.length - 1 })),
});

/** What a search reply's facets were before doc ids: the joined SQL's matched item ids, each item as the cache holds it, counted by `facetCounts`. */
function reference(sql: LexicalSearch, cache: ItemCache, plan: LexicalPlan, filters: SearchFilters | undefined, limit: number, listIds: string[]): SearchFacets {
  const ids = sql.matchedItems(plan, filters, limit);
  const found = (ids.length > 0 ? ids : listIds).flatMap((id) => cache.get(id) ?? []);
  const counts = facetCounts(found, ids.length >= limit);
  if (ids.length === 0 || filters?.facets === undefined) return counts;
  // A ticked facet counts without its own selection (disjunctive-facets.test.ts checks that rule by brute force).
  return disjunctiveFacets(counts, filters.facets, (facets) => {
    const others = sql.matchedItems(plan, { ...filters, facets }, limit);
    return others.length > 0 ? facetCounts(others.flatMap((id) => cache.get(id) ?? []), others.length >= limit) : undefined;
  });
}

describe('matched facets (doc ids, typed arrays)', () => {
  it('equal a brute-force count of the joined SQL matched set, search after search, across upserts and reloads', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 5, maxLength: 40 }), fc.array(step, { minLength: 6, maxLength: 16 }), (generated, steps) => {
        const db = openDatabase(':memory:');
        try {
          const catalog = new CatalogRepository(db);
          catalog.upsertItems(generated.map((g, i): CatalogItem => ({ itemId: `i${i}`, ...g })));
          const cache = new ItemCache();
          cache.load(catalog.all());
          const facets = new MatchedFacets(new LexicalSearch(db, cache), cache);
          const sql = new LexicalSearch(db);
          const listIds = ['i0', 'i1', 'nobody'];
          for (const s of steps) {
            if (s.kind === 'upsert') {
              // New items (an index past the catalogue) and changed ones; the cache follows the store as the engine's listener does.
              const written = s.items.map(({ index, item: g }): CatalogItem => ({ itemId: `i${index}`, ...g }));
              catalog.upsertItems(written);
              cache.upsert(written.map((w) => catalog.get(w.itemId)!));
            } else if (s.kind === 'reload') cache.load(catalog.all());
            else {
              const plan = planOf(s.words, s.prefix);
              const filters = FILTERS[s.filter];
              expect(facets.count(plan, filters, s.limit, listIds)).toEqual(reference(sql, cache, plan, filters, s.limit, listIds));
              // Counted before the list exists (while a query is embedded): undefined exactly when nothing matches by keyword.
              const early = facets.countMatched(plan, filters, s.limit);
              if (sql.matchedItems(plan, filters, s.limit).length === 0) expect(early).toBeUndefined();
              else expect(early).toEqual(reference(sql, cache, plan, filters, s.limit, []));
              // A sorted search's items: the matched set sorted by its key in full, the first n.
              const order = (['priceAsc', 'priceDesc', 'newest'] as const)[(s.filter + s.words.length) % 3]!;
              const n = 1 + (s.limit % 7);
              const matched = sql.matchedItems(plan, filters, s.limit);
              const key = (id: string): number => {
                const it = cache.get(id);
                if (order === 'newest') return it === undefined ? Infinity : -it.updatedAt;
                return it?.price === undefined ? Infinity : order === 'priceAsc' ? it.price : -it.price;
              };
              const sorted = [...matched].sort((a, b) => key(a) - key(b) || (key(a) === key(b) ? (a < b ? -1 : a > b ? 1 : 0) : 0));
              expect(facets.topMatched(plan, filters, s.limit, order, n)).toEqual(matched.length === 0 ? undefined : sorted.slice(0, n));
            }
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads every doc ahead, a page per turn, and stays exact when items are written meanwhile', async () => {
    const db = openDatabase(':memory:');
    try {
      const catalog = new CatalogRepository(db);
      const generated = fc.sample(item, { numRuns: 120, seed: 7 });
      catalog.upsertItems(generated.map((g, i): CatalogItem => ({ itemId: `i${i}`, ...g })));
      const cache = new ItemCache();
      cache.load(catalog.all());
      const lexical = new LexicalSearch(db, cache);
      let mapped = 0;
      const counting = {
        matchedDocs: lexical.matchedDocs.bind(lexical),
        matchedItems: lexical.matchedItems.bind(lexical),
        docPage: lexical.docPage.bind(lexical),
        itemIdsOfDocs: (docs: readonly number[]) => {
          mapped += docs.length;
          return lexical.itemIdsOfDocs(docs);
        },
      };
      const sql = new LexicalSearch(db);
      const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
      const all = (facets: MatchedFacets) =>
        WORDS.flatMap((w) => FILTERS.slice(0, 6).map((f) => [facets.count(planOf([w], true), f, 20_000, []), reference(sql, cache, planOf([w], true), f, 20_000, [])]));

      // No writes: after the read-ahead, a count maps no doc (every doc was read ahead) and is exact.
      const quiet = new MatchedFacets(counting, cache, 7);
      quiet.count(planOf(['zzz'], false), undefined, 20_000, []);
      for (let t = 0; t < 40; t++) await turn();
      mapped = 0;
      for (const [got, expected] of all(quiet)) expect(got).toEqual(expected);
      expect(mapped).toBe(0);

      // Writes between the read-ahead's turns: counts stay exact.
      const busy = new MatchedFacets(counting, cache, 7);
      busy.count(planOf(['zzz'], false), undefined, 20_000, []);
      for (let t = 0; t < 40; t++) {
        const written: CatalogItem = { itemId: `i${(t * 37) % 130}`, ...generated[(t * 11) % generated.length]!, brand: `W${t % 3}` };
        catalog.upsertItems([written]);
        cache.upsert([catalog.get(written.itemId)!]);
        await turn();
      }
      for (const [got, expected] of all(busy)) expect(got).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it('reads a doc again after its item was written, and every doc after the change log is lost', () => {
    const items = new Map<string, { brand: string; inStock: boolean; category?: string }>([
      ['a', { brand: 'Acme', inStock: true, category: 'Home > Office' }],
      ['b', { brand: 'Bolt', inStock: false }],
    ]);
    let version = 1;
    let changed: string[] | undefined = [];
    const docs = new DocFacets({
      // Doc 3 has no item row; doc 4's item is not in the cache.
      itemIds: (ds) => ds.map((d) => (d === 1 ? 'a' : d === 2 ? 'b' : d === 4 ? 'c' : undefined)),
      get: (id) => items.get(id),
      get version() {
        return version;
      },
      changedSince: () => changed,
    });
    const expectCounts = (ds: number[], limit: number, ids: string[]): void =>
      expect(docs.count(ds, limit)).toEqual(facetCounts(ids.map((id) => items.get(id)!), ids.length >= limit));
    expectCounts([1, 2, 3], 20, ['a', 'b']);
    expect(docs.count([3], 20)).toBeNull(); // no item row: nothing matched
    // An id without an item counts towards `truncated` (and is a match), as `matchedItems` gives it.
    expect(docs.count([4, 3], 1)).toEqual(facetCounts([], true));
    expect(docs.count([1, 4], 2)).toEqual(facetCounts([items.get('a')!], true));
    items.set('a', { brand: 'Crest', inStock: false });
    version = 2;
    changed = ['a'];
    expectCounts([1, 2], 20, ['a', 'b']);
    items.set('b', { brand: 'Acme', inStock: true, category: 'Garden' });
    version = 3;
    changed = undefined; // a reload, or more writes than the log keeps
    expectCounts([2, 1, 2], 3, ['b', 'a', 'b']);
    expectCounts([2], 1, ['b']);
  });

  it('counts a large matched set exactly (many paths and attribute sets)', () => {
    const n = 5000;
    const all = Array.from({ length: n }, (_, i) => ({
      brand: `B${i % 45}`,
      category: `C${i % 7} > D${i % 40} > E${i % 3}`,
      price: i % 700,
      inStock: i % 3 === 0,
      attributes: Object.fromEntries(Array.from({ length: 1 + (i % 15) }, (_, a) => [`attr${a}`, `v${(i * (a + 1)) % 37}`])),
    }));
    const docs = new DocFacets({ itemIds: (ds) => ds.map((d) => `i${d}`), get: (id) => all[Number(id.slice(1))], version: 1, changedSince: () => [] });
    const pick = Array.from({ length: n }, (_, i) => (i * 7919) % n).filter((d) => d % 5 !== 0);
    const counted = docs.count(pick, 20_000)!;
    expect(counted).toEqual(facetCounts(pick.map((d) => all[d]!), false));
    expect(counted.brands).toHaveLength(30);
    expect(counted.attributes).toHaveLength(12);
    // Counters were reset: a smaller count after it is not polluted.
    expect(docs.count(pick.slice(0, 10), 10)).toEqual(facetCounts(pick.slice(0, 10).map((d) => all[d]!), true));
  });
});
