/**
 * Disjunctive facet counts against a brute-force count: a ticked facet's values count the items that
 * pass every other facet's selection (and the filters) and have that value; the other facets, the
 * matched count and stock are the whole selection's; a ticked value with items stays listed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facetCounts } from '../../../../src/main/engine/retrieval';
import { attributeFacetValue, PRICE_RANGES } from '../../../../src/main/engine/retrieval/search-facets';
import { disjunctiveFacets } from '../../../../src/main/engine/retrieval/disjunctive-facets';
import { ItemFilters } from '../../../../src/main/engine/retrieval/item-filter';
import type { SearchFilters } from '../../../../src/main/engine/retrieval/search-filters';
import { openDatabase } from '../../../../src/main/engine/store';
import type { FacetSelection, SearchFacets, StoredItem } from '../../../../src/shared/contract';

const BRANDS = ['Acme', 'ACME', 'Bolt', 'Crest'];
const CATEGORIES = ['Home', 'Home > Office', 'Home > Office > Desks', 'Home > Garden', 'Sports > Running'];

const item = fc.record({
  brand: fc.option(fc.constantFrom(...BRANDS), { nil: undefined }),
  category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  price: fc.option(fc.constantFrom(0, 10, 25, 49.99, 50, 120, 200, 499, 500, 900), { nil: undefined }),
  inStock: fc.boolean(),
  attributes: fc.option(fc.record({ colour: fc.constantFrom('red', 'blue', 'green'), size: fc.constantFrom(1, 2, 3), oak: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
});

const selection: fc.Arbitrary<FacetSelection> = fc.record(
  {
    brands: fc.subarray(['acme', 'Bolt', 'Crest', 'nobody'], { minLength: 1 }),
    categories: fc.subarray(['Home', 'Home > Office', 'Sports'], { minLength: 1 }),
    priceRanges: fc.subarray([PRICE_RANGES[0]!, PRICE_RANGES[2]!, PRICE_RANGES[5]!], { minLength: 1 }).map((rs) => rs.map((r) => ({ ...r }))),
    attributes: fc.subarray([{ name: 'colour', values: ['red', 'green'] }, { name: 'size', values: ['2'] }, { name: 'oak', values: ['true'] }], { minLength: 1 }),
  },
  { requiredKeys: [] },
);

const nodeAt = (category: string | undefined, level: number): string | undefined => {
  const path = category?.split(' > ');
  return path && level < path.length ? path.slice(0, level + 1).join(' > ') : undefined;
};

describe('disjunctive facet counts', () => {
  it('count a ticked facet without its own selection, everything else under the whole selection', () => {
    const compiler = new ItemFilters(openDatabase(':memory:'));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 60 }), selection, fc.boolean(), (generated, picked, inStockOnly) => {
        const items: StoredItem[] = generated.map((g, i) => ({ itemId: `i${i}`, title: 'x', updatedAt: 0, ...g }));
        const filtersOf = (facets: FacetSelection): SearchFilters => ({ ...(inStockOnly ? { inStockOnly } : {}), facets });
        const passing = (facets: FacetSelection): StoredItem[] => {
          const pass = compiler.compile(filtersOf(facets));
          return pass ? items.filter((it) => pass(it)) : items;
        };
        const countWithout = (facets: FacetSelection): SearchFacets | undefined => {
          const found = passing(facets);
          return found.length ? facetCounts(found) : undefined;
        };
        const whole = countWithout(picked);
        if (whole === undefined) return;
        const got = disjunctiveFacets(whole, picked, countWithout);
        expect(got.matched).toBe(whole.matched);
        expect(got.inStock).toEqual(whole.inStock);
        const without = (key: keyof FacetSelection): FacetSelection => Object.fromEntries(Object.entries(picked).filter(([k]) => k !== key));

        if (picked.brands) {
          const pool = passing(without('brands'));
          for (const v of got.brands) expect(v.count).toBe(pool.filter((it) => it.brand === v.value).length);
          for (const v of whole.brands) expect(got.brands.map((b) => b.value)).toContain(v.value);
        } else expect(got.brands).toEqual(whole.brands);

        if (picked.categories) {
          const pool = passing(without('categories'));
          for (const { level, values } of got.categories) for (const v of values) expect(v.count).toBe(pool.filter((it) => nodeAt(it.category, level) === v.value).length);
          for (const { level, values } of whole.categories) for (const v of values) expect(got.categories.find((c) => c.level === level)?.values.map((x) => x.value)).toContain(v.value);
        } else expect(got.categories).toEqual(whole.categories);

        if (picked.priceRanges) {
          const pool = passing(without('priceRanges'));
          for (const r of got.priceRanges) expect(r.count).toBe(pool.filter((it) => it.price !== undefined && it.price >= r.min && (r.max === null || it.price < r.max)).length);
        } else expect(got.priceRanges).toEqual(whole.priceRanges);

        for (const a of got.attributes) {
          const ticked = picked.attributes?.find((p) => p.name === a.name);
          if (!ticked) {
            expect(a).toEqual(whole.attributes.find((w) => w.name === a.name));
            continue;
          }
          const others = picked.attributes!.filter((p) => p !== ticked);
          const pool = passing({ ...without('attributes'), ...(others.length ? { attributes: others } : {}) });
          const valueOf = (it: StoredItem): string | undefined => (it.attributes?.[a.name] === undefined ? undefined : attributeFacetValue(it.attributes[a.name]!));
          for (const v of a.values) expect(v.count).toBe(pool.filter((it) => valueOf(it) === v.value).length);
        }
        // A second brand can be ticked: another brand with items under the rest of the selection is offered.
        if (picked.brands) {
          const offered = new Set(passing(without('brands')).flatMap((it) => (it.brand ? [it.brand] : [])));
          expect(new Set(got.brands.map((b) => b.value))).toEqual(offered);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a ticked value that falls off the list of most common values, with its count', () => {
    // 40 brands, brand b<i> on 41 - i items: the rarest, ticked, is not among the 30 most common.
    const items: StoredItem[] = Array.from({ length: 40 }, (_, i) => Array.from({ length: 41 - i }, (_, j) => ({ itemId: `i${i}-${j}`, title: 'x', updatedAt: 0, inStock: true, brand: `b${String(i).padStart(2, '0')}` }))).flat();
    const countOf = (facets: FacetSelection): SearchFacets => facetCounts(items.filter((it) => !facets.brands || facets.brands.includes(it.brand!)));
    const picked: FacetSelection = { brands: ['b39'] };
    const got = disjunctiveFacets(countOf(picked), picked, countOf);
    expect(got.brands).toHaveLength(31);
    expect(got.brands.slice(0, 30).map((b) => b.value)).toEqual(Array.from({ length: 30 }, (_, i) => `b${String(i).padStart(2, '0')}`));
    expect(got.brands.at(-1)).toEqual({ value: 'b39', count: 2 });
    expect(got.matched).toBe(2);
  });
});
