/**
 * Disjunctive facet counts, as shops' search pages show them: a facet with ticked values counts as if
 * none of its own values were ticked (the other facets' selections and the filters still apply), so
 * its other values keep their counts and a second one can be ticked (values of one facet are OR'ed).
 * `matched`, `truncated` and the stock counts stay those of the whole selection.
 *
 * A facet keeps its most common values only (`FACET_VALUES`), so a ticked value could fall off its
 * list once the others are counted; it is kept, with its count from the whole selection, which is the
 * same number: the items with that value that pass the other facets.
 */
import type { FacetCount, FacetSelection, SearchFacets } from '../../../shared/contract';
// Brands match case-insensitively for ASCII letters only (the filter's `COLLATE NOCASE`).
import { asciiLower } from './item-filter';

/** `countWithout(selection)`: the counts under this selection (the filters unchanged); undefined when nothing matches. */
export function disjunctiveFacets(counts: SearchFacets, selection: FacetSelection, countWithout: (selection: FacetSelection) => SearchFacets | undefined): SearchFacets {
  const without = (facet: keyof FacetSelection): FacetSelection => {
    const rest = { ...selection };
    delete rest[facet];
    return rest;
  };
  let out = counts;
  if (selection.brands?.length) {
    const other = countWithout(without('brands'));
    const ticked = new Set(selection.brands.map(asciiLower));
    if (other) out = { ...out, brands: keepTicked(other.brands, counts.brands, (v) => ticked.has(asciiLower(v))) };
  }
  if (selection.categories?.length) {
    const other = countWithout(without('categories'));
    const ticked = new Set(selection.categories);
    if (other) {
      out = {
        ...out,
        categories: other.categories.map(({ level, values }) => ({ level, values: keepTicked(values, counts.categories.find((c) => c.level === level)?.values ?? [], (v) => ticked.has(v)) })),
      };
    }
  }
  if (selection.priceRanges?.length) {
    const other = countWithout(without('priceRanges'));
    if (other) out = { ...out, priceRanges: other.priceRanges };
  }
  const attributes = selection.attributes ?? [];
  for (const attribute of attributes) {
    const others = attributes.filter((a) => a !== attribute);
    const other = countWithout({ ...without('attributes'), ...(others.length ? { attributes: others } : {}) });
    const values = other?.attributes.find((a) => a.name === attribute.name)?.values;
    if (values === undefined) continue;
    const ticked = new Set(attribute.values);
    const mine = counts.attributes.find((a) => a.name === attribute.name)?.values ?? [];
    const merged = { name: attribute.name, values: keepTicked(values, mine, (v) => ticked.has(v)) };
    out = { ...out, attributes: out.attributes.some((a) => a.name === attribute.name) ? out.attributes.map((a) => (a.name === attribute.name ? merged : a)) : [...out.attributes, merged] };
  }
  return out;
}

/** The facet's values counted without its own selection, plus any ticked value that fell off the list. */
function keepTicked(values: readonly FacetCount[], withSelection: readonly FacetCount[], isTicked: (value: string) => boolean): FacetCount[] {
  const listed = new Set(values.map((v) => v.value));
  const missing = withSelection.filter((v) => isTicked(v.value) && !listed.has(v.value));
  return missing.length === 0 ? [...values] : [...values, ...missing];
}
