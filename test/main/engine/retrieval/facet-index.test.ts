import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FacetIndex, facetCounts } from '../../../../src/main/engine/retrieval';
import type { FacetItem } from '../../../../src/main/engine/retrieval/facet-index';

/** Few values, so that items share brands, paths and attribute values and counts tie. */
const item: fc.Arbitrary<FacetItem> = fc.record({
  brand: fc.option(fc.constantFrom('Acme', 'Bolt', 'Crest', 'acme', ''), { nil: undefined }),
  category: fc.option(fc.constantFrom('Home', 'Home > Kitchen', 'Home > Kitchen > Pans', 'Home > Bath', 'Sports', 'Sports > Footwear', 'A >  > B', ''), { nil: undefined }),
  price: fc.option(fc.constantFrom(0, 10, 24.99, 25, 49.99, 50, 120, 199.99, 200, 499, 500, 900), { nil: undefined }),
  inStock: fc.boolean(),
  attributes: fc.option(
    fc.record({ colour: fc.constantFrom('red', 'blue', 'true'), size: fc.constantFrom(1, 2, 2.5), organic: fc.boolean(), 'bad"name': fc.constant('x'), 'a"b': fc.constant('c') }, { requiredKeys: [] }),
    { nil: undefined },
  ),
});

describe('facet index', () => {
  it('counts exactly what facetCounts counts, query after query on one index', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 0, maxLength: 60 }), fc.array(fc.array(fc.nat(59), { maxLength: 80 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (catalogue, queries, truncated) => {
        const index = new FacetIndex();
        for (const picks of queries) {
          // A matched set: any items, some more than once (a set never has repeats, but counting must not depend on it).
          const matched = catalogue.length === 0 ? [] : picks.map((i) => catalogue[i % catalogue.length]!);
          expect(index.count(matched, truncated)).toEqual(facetCounts(matched, truncated));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sees an item changed by an upsert (a new object) and keeps counting the old object as it was', () => {
    const index = new FacetIndex();
    const before: FacetItem = { brand: 'Acme', category: 'Home > Kitchen', price: 30, inStock: true, attributes: { colour: 'red' } };
    const after: FacetItem = { brand: 'Bolt', category: 'Sports', price: 600, inStock: false, attributes: { colour: 'blue', organic: true } };
    expect(index.count([before])).toEqual(facetCounts([before]));
    expect(index.count([after])).toEqual(facetCounts([after]));
    expect(index.count([before, after, before])).toEqual(facetCounts([before, after, before]));
  });

  it('keeps 30 values per facet and 12 attributes over many distinct values', () => {
    const items: FacetItem[] = Array.from({ length: 500 }, (_, i) => ({
      brand: `B${i % 45}`,
      category: `C${i % 7} > D${i % 40}`,
      price: i,
      inStock: i % 3 === 0,
      attributes: Object.fromEntries(Array.from({ length: 1 + (i % 15) }, (_, a) => [`attr${a}`, `v${(i * (a + 1)) % 37}`])),
    }));
    const index = new FacetIndex();
    const counted = index.count(items);
    expect(counted).toEqual(facetCounts(items));
    expect(counted.brands).toHaveLength(30);
    expect(counted.attributes).toHaveLength(12);
    // The counters were reset: a second, smaller count is not polluted by the first.
    expect(index.count(items.slice(0, 10))).toEqual(facetCounts(items.slice(0, 10)));
  });
});
