import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItemCache } from '../../../../src/main/engine/recommend/item-cache';
import { FilteredItems } from '../../../../src/main/engine/retrieval/filtered-items';
import { ItemFilters } from '../../../../src/main/engine/retrieval/item-filter';
import { filterClause, type SearchFilters } from '../../../../src/main/engine/retrieval/search-filters';
import { CatalogRepository, openDatabase } from '../../../../src/main/engine/store';
import type { CatalogItem } from '../../../../src/shared/contract';

// Texts that tell SQLite's rules from JavaScript's: ASCII-only case folding (NOCASE, LIKE), LIKE's
// metacharacters and NUL, the path separator, non-ASCII case pairs, a lone surrogate.
const TEXTS = ['Home', 'home', 'HOME', 'Home > Kitchen', 'home > kitchen > Mugs', 'Home >Kitchen', 'Home > ', 'Home', ' Home ', 'Ho%e', 'Ho_e', 'Ho\\e', 'Hom\0e', 'Home\0 > x', 'Éclair', 'éclair', 'Straße', 'STRASSE', 'K', 'k', '\u212a', 'a\uD800', 'a\uFFFD', '', 'Acme', 'ACME', 'acme ', 'İstanbul', 'istanbul'];
const NAMES = ['colour', 'Colour', 'size', 'a.b', 'x[0]', '$', 'é', '__proto__', 'constructor', 'toString', 'with space'];
const NUMBERS = [0, 1, -1, 2, 1.5, 0.1 + 0.2, 1 / 3, 100.25, 1e21, 1e-7, 2 ** 53, 2 ** 53 + 2, 1e19, 9223372036854775807, 12345678901234567, 1000000000000000.2, 5e-324, 1.7976931348623157e308, 0.0001, 0.00001];
const VALUE_TEXTS = ['red', 'Red', 'true', 'false', '1', '1.5', '1.0', '0.30000000000000004', '0.33333333333333331', '0.33333333333333332', '1.0e+21', '1e+21', '1.0e-07', '9007199254740992', '9007199254740994', '1.0e+19', '10000000000000000000', '4.9406564584124654e-324', '0.0001', '1.0e-05', '1000000000000000.3', 'null', 'a\uD800', 'a\uFFFD', ''];

const attributeValue = fc.oneof(fc.constantFrom(...VALUE_TEXTS), fc.boolean(), fc.constantFrom(...NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
const item = fc.record({
  brand: fc.option(fc.constantFrom(...TEXTS), { nil: undefined }),
  category: fc.option(fc.constantFrom(...TEXTS), { nil: undefined }),
  price: fc.option(fc.oneof(fc.constantFrom(0, 20, 49.99, 50, 99.99, 100, 300), fc.double({ min: 0, max: 500, noNaN: true })), { nil: undefined }),
  inStock: fc.boolean(),
  attributes: fc.option(fc.dictionary(fc.constantFrom(...NAMES), attributeValue, { maxKeys: 4 }), { nil: undefined }),
});
const text = fc.constantFrom(...TEXTS);
const filters: fc.Arbitrary<SearchFilters> = fc.record(
  {
    category: text,
    brand: text,
    priceMin: fc.oneof(fc.constantFrom(0, 20, 50), fc.double({ min: 0, max: 500, noNaN: true })),
    priceMax: fc.oneof(fc.constantFrom(49.99, 99.99, 200), fc.double({ min: 0, max: 500, noNaN: true })),
    inStockOnly: fc.boolean(),
    facets: fc.record(
      {
        brands: fc.array(text.filter((t) => t.length > 0), { maxLength: 3 }),
        categories: fc.array(text.filter((t) => t.length > 0), { maxLength: 3 }),
        priceRanges: fc.array(fc.constantFrom({ min: 0, max: 50 }, { min: 50, max: 100 }, { min: 100, max: null }, { min: 20, max: 20.5 }), { maxLength: 3 }),
        attributes: fc.array(fc.record({ name: fc.constantFrom(...NAMES), values: fc.array(fc.constantFrom(...VALUE_TEXTS), { minLength: 1, maxLength: 4 }) }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

function NOT_ROUND_TRIPPED(f: SearchFilters): boolean {
  const texts = [f.category, f.brand, ...(f.facets?.brands ?? []), ...(f.facets?.categories ?? []), ...(f.facets?.attributes ?? []).flatMap((a) => [a.name, ...a.values])];
  return texts.some((t) => t !== undefined && (t.includes('\uFFFD') || /[\uD800-\uDFFF]/.test(t.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))));
}

/** The items as the engine's cache holds them: read back from the store. */
function stored(generated: readonly Omit<CatalogItem, 'itemId' | 'title'>[]): { db: ReturnType<typeof openDatabase>; cache: ItemCache } {
  const db = openDatabase(':memory:');
  const catalog = new CatalogRepository(db);
  catalog.upsertItems(generated.map((g, i): CatalogItem => ({ itemId: `i${i}`, title: `item ${i}`, ...g })));
  const cache = new ItemCache();
  cache.load(catalog.all());
  return { db, cache };
}

function sqlPassing(db: ReturnType<typeof openDatabase>, f: SearchFilters): string[] {
  const clause = filterClause(f);
  return (db.prepare(`SELECT i.item_id FROM items i WHERE ${clause.sql}`).pluck().all(clause.params) as string[]).sort();
}

describe('search filters in memory (the item cache) against the SQL clause', () => {
  it('a compiled predicate passes exactly the items the SQL clause passes', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 40 }), filters, (generated, f) => {
        const { db, cache } = stored(generated);
        try {
          const predicate = new ItemFilters(db).compile(f);
          expect(predicate === undefined).toBe(filterClause(f).shape === '');
          // Left to SQL only for texts a round trip through the store changes.
          expect(predicate === null).toBe(predicate !== undefined && NOT_ROUND_TRIPPED(f));
          if (predicate === null) return;
          const inMemory = [...cache.values()].filter((i) => predicate === undefined || predicate(i)).map((i) => i.itemId);
          expect(inMemory.sort()).toEqual(sqlPassing(db, f));
        } finally {
          db.close();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('one attribute or category condition at a time (each rule on its own, many items)', () => {
    const single: fc.Arbitrary<SearchFilters> = fc.oneof(
      fc.record({ category: text }),
      fc.record({ brand: text }),
      fc.record({ facets: fc.record({ categories: fc.array(text.filter((t) => t.length > 0), { minLength: 1, maxLength: 2 }) }) }),
      fc.record({ facets: fc.record({ brands: fc.array(text.filter((t) => t.length > 0), { minLength: 1, maxLength: 2 }) }) }),
      fc.record({ facets: fc.record({ attributes: fc.tuple(fc.record({ name: fc.constantFrom(...NAMES), values: fc.array(fc.constantFrom(...VALUE_TEXTS), { minLength: 1, maxLength: 6 }) })) }) }),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 20, maxLength: 120 }), single, (generated, f) => {
        const { db, cache } = stored(generated);
        try {
          const predicate = new ItemFilters(db).compile(f);
          if (predicate === null) return;
          expect([...cache.values()].filter((i) => predicate === undefined || predicate(i)).map((i) => i.itemId).sort()).toEqual(sqlPassing(db, f));
        } finally {
          db.close();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('renders every number as SQLite does (json_extract then CAST AS TEXT)', () => {
    const db = openDatabase(':memory:');
    try {
      const filters = new ItemFilters(db);
      const sql = db.prepare<[string], string>(`SELECT CAST(json_extract(?, '$."n"') AS TEXT)`).pluck();
      fc.assert(
        fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constantFrom(...NUMBERS), fc.maxSafeInteger()), (n) => {
          expect(filters.numberText(n)).toBe(sql.get(JSON.stringify({ n })));
        }),
        { numRuns: 2000 },
      );
      // Where JavaScript's own text differs, SQLite's wins.
      expect(filters.numberText(1 / 3)).toBe('0.33333333333333332');
      expect(filters.numberText(1e21)).toBe('1.0e+21');
    } finally {
      db.close();
    }
  });

  it('FilteredItems with the cache keeps exactly the ids the SQL path keeps (duplicates and unknown ids too)', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(35), { maxLength: 40 }), filters, (generated, picks, f) => {
        const { db, cache } = stored(generated);
        try {
          const ids = picks.map((p) => `i${p}`); // some past the catalogue's end
          const sql = new FilteredItems(db);
          const memory = new FilteredItems(db, cache);
          expect([...memory.passing(ids, f)].sort()).toEqual([...sql.passing(ids, f)].sort());
          const check = memory.check(f);
          if (check !== undefined) expect(ids.filter(check).sort()).toEqual(ids.filter((id) => sql.passingInSql([id], f).has(id)).sort());
          else expect(filterClause(f).shape === '' || NOT_ROUND_TRIPPED(f)).toBe(true);
        } finally {
          db.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a stored lone surrogate reads back as U+FFFD: such filters go to SQL, others give the same answer either way', () => {
    const { db, cache } = stored([{ brand: 'a\uD800', category: 'Home > a\uD800' }, { brand: 'a\uFFFD\uFFFD\uFFFD', category: 'Home' }]);
    try {
      expect(cache.get('i0')!.brand).toBe(cache.get('i1')!.brand); // the cache cannot tell them apart
      const filters = new ItemFilters(db);
      const filtered = new FilteredItems(db, cache);
      for (const f of [{ brand: 'a\uD800' }, { brand: 'a\uFFFD\uFFFD\uFFFD' }, { facets: { brands: ['A\uD800'] } }, { category: 'Home > a\uFFFD\uFFFD\uFFFD' }] as SearchFilters[]) {
        expect(filters.compile(f)).toBeNull();
        expect([...filtered.passing(['i0', 'i1'], f)].sort()).toEqual(sqlPassing(db, f));
      }
      expect(sqlPassing(db, { brand: 'a\uD800' })).toEqual(['i0']);
      const home: SearchFilters = { category: 'home' };
      expect([...filtered.passing(['i0', 'i1'], home)].sort()).toEqual(sqlPassing(db, home));
      expect(sqlPassing(db, home)).toEqual(['i0']); // LIKE 'home > %' ASCII-folded; 'Home' = 'home' is false
    } finally {
      db.close();
    }
  });

  it('follows the cache: a changed item passes or fails as its new row does', () => {
    const { db, cache } = stored([{ brand: 'Acme', price: 10, inStock: true }]);
    try {
      const filtered = new FilteredItems(db, cache);
      const f: SearchFilters = { brand: 'acme', priceMax: 20 };
      expect([...filtered.passing(['i0'], f)]).toEqual(['i0']);
      const catalog = new CatalogRepository(db);
      catalog.upsertItems([{ itemId: 'i0', title: 'item 0', brand: 'Acme', price: 25 }]);
      cache.upsert(catalog.all());
      expect([...filtered.passing(['i0'], f)]).toEqual([]);
      expect([...filtered.passingInSql(['i0'], f)]).toEqual([]);
    } finally {
      db.close();
    }
  });
});
