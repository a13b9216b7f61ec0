import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LexicalSearch, parseLexicalQuery } from '../../../../src/main/engine/retrieval';
import { filterClause, type SearchFilters } from '../../../../src/main/engine/retrieval/search-filters';
import { CatalogRepository, openDatabase } from '../../../../src/main/engine/store';
import { ItemCache } from '../../../../src/main/engine/recommend/item-cache';
import type { CatalogItem } from '../../../../src/shared/contract';

const ITEMS: CatalogItem[] = [
  { itemId: 'p1', title: 'Trail running shoe', brand: 'Stride', category: 'Sports > Footwear', price: 90, attributes: { colour: 'red', waterproof: true } },
  { itemId: 'p2', title: 'Leather hiking boot', brand: 'Trail', category: 'Sports > Footwear', price: 150, inStock: false },
  { itemId: 'p3', title: 'Running socks, 3 pack', brand: 'Stride', category: 'Sports > Apparel', price: 12, attributes: { colour: 'blue' } },
  { itemId: 'p4', title: 'Café crème mug', brand: 'Kitchenco', category: 'Home > Kitchen', price: 9 },
  { itemId: 'p5', title: 'Ceramic teapot', brand: 'Kitchenco', category: 'Home > Kitchen', price: 30, attributes: { colour: 'red' } },
];

const HOSTILE = [
  '"',
  '""',
  '"unterminated',
  '*',
  'shoe*',
  '*shoe',
  'NEAR',
  'NEAR(running shoe, 2)',
  'running NEAR shoe',
  'AND',
  'OR OR',
  'NOT shoe',
  '-shoe',
  'shoe -boot',
  'title:shoe',
  '{title brand}: shoe',
  '^shoe',
  '(shoe',
  'shoe)',
  "o'brien",
  '\\',
  '%_',
  '   ',
  '',
  '🙂🙂',
  'ａｂｃ',
  'кроссовки',
  '靴',
  'e\u0301',
  '\u0000',
  'x'.repeat(300),
  Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '),
];

describe('lexical search (FTS5 + BM25)', () => {
  let db: Database;
  let catalog: CatalogRepository;
  let search: LexicalSearch;
  beforeEach(() => {
    db = openDatabase(':memory:');
    catalog = new CatalogRepository(db);
    catalog.upsertItems(ITEMS);
    search = new LexicalSearch(db);
  });
  afterEach(() => db.close());

  const ids = (q: string, k = 10, filters?: Parameters<LexicalSearch['search']>[2]): string[] => search.search(q, k, filters).map((h) => h.itemId);

  it('ranks a title match above a brand match (title > brand)', () => {
    // "trail" is in p1's title and is p2's brand.
    expect(ids('trail')).toEqual(['p1', 'p2']);
    const [first, second] = search.search('trail', 10);
    expect(first!.rank).toBe(1);
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('matches every word, prefix-matches the last one, and falls back to any word', () => {
    expect(ids('running sho', 1)).toEqual(['p1']);
    // Fewer than k items have every word: items with some of them follow, ranked after.
    expect(ids('running sho')).toEqual(['p1', 'p3']);
    expect(ids('runn')).toEqual(expect.arrayContaining(['p1', 'p3']));
    expect(ids('teapot boot', 1)).toHaveLength(1);
    expect(ids('teapot boot').sort()).toEqual(['p2', 'p5']);
  });

  it('indexes category words and attribute values (a true flag by its name)', () => {
    expect(ids('kitchen').sort()).toEqual(['p4', 'p5']);
    expect(ids('red').sort()).toEqual(['p1', 'p5']);
    expect(ids('waterproof')).toEqual(['p1']);
    expect(ids('colour')).toEqual([]); // attribute names are not words of the item
    expect(ids('cafe creme')).toEqual(['p4']); // diacritics folded
  });

  it('stays in sync with the items table on insert, update and delete', () => {
    expect(ids('kettle')).toEqual([]);
    catalog.upsertItems([{ itemId: 'p6', title: 'Electric kettle', brand: 'Kitchenco', category: 'Home > Kitchen', price: 40 }]);
    expect(ids('kettle')).toEqual(['p6']);
    catalog.upsertItems([{ itemId: 'p6', title: 'Stovetop whistle', brand: 'Kitchenco', category: 'Home > Kitchen', price: 40 }]);
    expect(ids('kettle')).toEqual([]);
    expect(ids('whistle')).toEqual(['p6']);
    db.prepare("DELETE FROM items WHERE item_id = 'p6'").run();
    expect(ids('whistle')).toEqual([]);
    // A price-only change leaves the text alone and the item findable.
    catalog.upsertItems([{ ...ITEMS[4]!, price: 31 }]);
    expect(ids('teapot')).toEqual(['p5']);
  });

  it('unfiltered top-k and matched sets (rowids mapped to items in memory) equal the joined SQL, before and after catalogue writes', () => {
    const plan = (q: string) => ({ groups: q.split(' ').map((w) => ({ typed: [w], synonyms: [], corrections: [], prefix: false })) });
    const joined = (q: string): string[] =>
      (db
        .prepare(`SELECT d.item_id FROM item_search JOIN item_search_docs d ON d.doc_id = item_search.rowid WHERE item_search MATCH ? ORDER BY bm25(item_search, 10, 5, 2, 1), d.doc_id`)
        .pluck()
        .all(q.split(' ').map((w) => `"${w}"`).join(' AND ')) as string[]);
    const check = (q: string): void => {
      expect(search.search(q, 10, undefined, false, plan(q)).map((h) => h.itemId)).toEqual(joined(q));
      expect(search.matchedItems(plan(q)).sort()).toEqual([...joined(q)].sort());
    };
    for (const q of ['running', 'stride', 'kitchen', 'red']) check(q);
    // New items (new rowids) and a changed title after the rowids were first mapped.
    catalog.upsertItems([
      { itemId: 'p7', title: 'Running vest', brand: 'Stride', category: 'Sports > Apparel', price: 25 },
      { itemId: 'p8', title: 'Kitchen scale', brand: 'Kitchenco', category: 'Home > Kitchen', price: 20 },
      { itemId: 'p1', title: 'Trail walking shoe', brand: 'Stride', category: 'Sports > Footwear', price: 90 },
    ]);
    for (const q of ['running', 'stride', 'kitchen', 'walking', 'vest']) check(q);
    expect(search.matchedItems(plan('running')).sort()).toEqual(['p3', 'p7']);
  });

  it('filtered top-k (ranked by the index in widening windows, then filtered) equals the filtered SQL ranking', () => {
    const WORDS = ['lamp', 'desk', 'oak', 'steel', 'lamp lamp'];
    const item = fc.record({
      title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
      brand: fc.option(fc.constantFrom('Acme', 'Bolt'), { nil: undefined }),
      category: fc.option(fc.constantFrom('Home', 'Home > Office', 'Garden'), { nil: undefined }),
      price: fc.option(fc.constantFrom(5, 30, 80, 150), { nil: undefined }),
      inStock: fc.boolean(),
    });
    const filters = fc.constantFrom<SearchFilters[]>(
      { facets: { priceRanges: [{ min: 0, max: 50 }] } },
      { facets: { brands: ['Bolt'] } },
      { category: 'Home', inStockOnly: true },
      { priceMin: 100 },
      // Selective: fewer than k may pass among the best 4k matches, so the window widens.
      { facets: { brands: ['Bolt'] }, priceMin: 100, inStockOnly: true },
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 250 }), fc.constantFrom('lamp', 'desk', 'oak', 'steel'), filters, fc.integer({ min: 1, max: 12 }), (generated, word, f, k) => {
        const fdb = openDatabase(':memory:');
        try {
          new CatalogRepository(fdb).upsertItems(generated.map((g, i) => ({ itemId: `i${i}`, ...g })));
          const got = new LexicalSearch(fdb).search(word, k, f, false, { groups: [{ typed: [word], synonyms: [], corrections: [], prefix: false }] });
          const clause = filterClause(f);
          const expected = fdb
            .prepare(`SELECT d.item_id AS id, bm25(item_search, 10, 5, 2, 1) AS b FROM item_search JOIN item_search_docs d ON d.doc_id = item_search.rowid
              JOIN items i ON i.item_id = d.item_id WHERE item_search MATCH ? AND ${clause.sql} ORDER BY b`)
            .all(`"${word}"`, clause.params) as { id: string; b: number }[];
          // The same scores in the same order; among equal scores any of the tied items.
          expect(got.map((h) => h.score)).toEqual(expected.slice(0, k).map((e) => -e.b));
          const scoreOf = new Map(expected.map((e) => [e.id, -e.b]));
          for (const h of got) expect(scoreOf.get(h.itemId)).toBe(h.score);
        } finally {
          fdb.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('with the item cache (filters checked in memory): the same filtered top-k and matched sets as the SQL joins', () => {
    const WORDS = ['lamp', 'desk', 'oak', 'steel', 'lamp lamp'];
    const item = fc.record({
      title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
      brand: fc.option(fc.constantFrom('Acme', 'ACME', 'Bolt'), { nil: undefined }),
      category: fc.option(fc.constantFrom('Home', 'home > Office', 'Garden', 'Home>Office'), { nil: undefined }),
      price: fc.option(fc.constantFrom(5, 30, 50, 80, 150), { nil: undefined }),
      inStock: fc.boolean(),
      attributes: fc.option(fc.record({ colour: fc.constantFrom('red', 'blue'), size: fc.constantFrom(1, 1.5, 2) }, { requiredKeys: [] }), { nil: undefined }),
    });
    const filters = fc.constantFrom<SearchFilters[]>(
      { facets: { priceRanges: [{ min: 0, max: 50 }] } },
      { facets: { brands: ['acme'] } },
      { category: 'Home', inStockOnly: true },
      { priceMin: 100 },
      { facets: { attributes: [{ name: 'size', values: ['1.5', '2'] }] } },
      { facets: { brands: ['Bolt'] }, priceMin: 100, inStockOnly: true },
      { brand: 'nobody' },
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 250 }), fc.constantFrom('lamp', 'desk', 'oak', 'steel'), filters, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 60 }), (generated, word, f, k, limit) => {
        const fdb = openDatabase(':memory:');
        try {
          const catalog = new CatalogRepository(fdb);
          catalog.upsertItems(generated.map((g, i) => ({ itemId: `i${i}`, ...g })));
          const cache = new ItemCache();
          cache.load(catalog.all());
          const plan = { groups: [{ typed: [word], synonyms: [], corrections: [], prefix: false }] };
          const inSql = new LexicalSearch(fdb);
          const inMemory = new LexicalSearch(fdb, cache);
          expect(inMemory.search(word, k, f, false, plan)).toEqual(inSql.search(word, k, f, false, plan));
          // The first `limit` matches in the index's order: the same truncation as the joined SQL.
          expect(inMemory.matchedItems(plan, f, limit)).toEqual(inSql.matchedItems(plan, f, limit));
          expect(inMemory.matchedItems(plan, f)).toEqual(inSql.matchedItems(plan, f));
        } finally {
          fdb.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('indexes items that existed before the migration ran', () => {
    const rows = db.prepare('SELECT count(*) AS n FROM item_search').get() as { n: number };
    expect(rows.n).toBe(ITEMS.length);
  });

  it('applies category prefix, brand, price range and stock filters', () => {
    expect(ids('trail', 10, { category: 'Sports > Footwear' })).toEqual(['p1', 'p2']);
    expect(ids('trail', 10, { category: 'Home' })).toEqual([]);
    expect(ids('running', 10, { category: 'Sports' }).sort()).toEqual(['p1', 'p3']);
    expect(ids('running', 10, { category: 'Sport' })).toEqual([]);
    expect(ids('running', 10, { brand: 'stride' }).sort()).toEqual(['p1', 'p3']);
    expect(ids('running', 10, { priceMax: 50 })).toEqual(['p3']);
    expect(ids('trail', 10, { priceMin: 100 })).toEqual(['p2']);
    expect(ids('trail', 10, { inStockOnly: true })).toEqual(['p1']);
  });

  it('never throws on hostile query strings', () => {
    for (const q of HOSTILE) {
      expect(() => search.search(q, 10), JSON.stringify(q)).not.toThrow();
      expect(() => search.search(q, 10, { category: q, brand: q }), JSON.stringify(q)).not.toThrow();
    }
    expect(ids('"')).toEqual([]);
    expect(ids('-shoe')).toEqual(['p1']);
    expect(ids('NEAR(running shoe, 2)')[0]).toBe('p1');
  });

  it('parses queries into quoted words with a prefix on the last', () => {
    expect(parseLexicalQuery('Running "shoe" NEAR')).toEqual({
      words: ['running', 'shoe', 'near'],
      matchAll: '"running" "shoe" "near"*',
      matchAny: '"running" OR "shoe" OR "near"*',
    });
    expect(parseLexicalQuery('running s')?.words).toEqual(['running']);
    // Too short to expand as a prefix: matched whole.
    expect(parseLexicalQuery('s')?.matchAll).toBe('"s"');
    expect(parseLexicalQuery('*** ---')).toBeUndefined();
  });
});
