import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilteredItems } from '../../../../src/main/engine/retrieval/filtered-items';
import { filterClause, type SearchFilters } from '../../../../src/main/engine/retrieval/search-filters';
import { CatalogRepository, openDatabase } from '../../../../src/main/engine/store';
import type { CatalogItem } from '../../../../src/shared/contract';

describe('filtered items (the semantic half of a filtered search)', () => {
  const item = fc.record({
    brand: fc.option(fc.constantFrom('Acme', 'Bolt', 'acme'), { nil: undefined }),
    category: fc.option(fc.constantFrom('Home', 'Home > Kitchen', 'Sports > Footwear'), { nil: undefined }),
    price: fc.option(fc.constantFrom(0, 20, 50, 99.99, 100, 300), { nil: undefined }),
    inStock: fc.boolean(),
    attributes: fc.option(fc.record({ colour: fc.constantFrom('red', 'blue'), organic: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
  });
  const filters: fc.Arbitrary<SearchFilters> = fc.record(
    {
      category: fc.constantFrom('Home', 'Sports'),
      brand: fc.constantFrom('acme', 'Bolt'),
      priceMin: fc.constantFrom(0, 50),
      priceMax: fc.constantFrom(99.99, 200),
      inStockOnly: fc.boolean(),
      facets: fc.record(
        {
          brands: fc.array(fc.constantFrom('Acme', 'Bolt'), { minLength: 1, maxLength: 2 }),
          priceRanges: fc.array(fc.constantFrom({ min: 0, max: 50 }, { min: 100, max: null }), { minLength: 1, maxLength: 2 }),
          attributes: fc.constant([{ name: 'colour', values: ['red'] }]),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  it('keeps exactly the given ids the filters pass (duplicates and unknown ids too)', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(35), { maxLength: 40 }), filters, (generated, picks, f) => {
        const db = openDatabase(':memory:');
        try {
          const items: CatalogItem[] = generated.map((g, i) => ({ itemId: `i${i}`, title: `item ${i}`, ...g }));
          new CatalogRepository(db).upsertItems(items);
          const ids = picks.map((p) => `i${p}`); // some past the catalogue's end
          const clause = filterClause(f);
          const all = new Set(db.prepare(`SELECT i.item_id FROM items i WHERE ${clause.sql}`).pluck().all(clause.params) as string[]);
          expect([...new FilteredItems(db).passing(ids, f)].sort()).toEqual([...new Set(ids.filter((id) => all.has(id)))].sort());
        } finally {
          db.close();
        }
      }),
      { numRuns: 80 },
    );
  });
});
