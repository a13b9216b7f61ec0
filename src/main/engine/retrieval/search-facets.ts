/** Facet counts over the items a query matched: brand, category path levels, price ranges, stock, attributes. */
import type { FacetCount, SearchFacets, StoredItem } from '../../../shared/contract';
import { CATEGORY_SEPARATOR } from './category-path';

/** Price ranges the facets count: [min, max), the last one open. */
export const PRICE_RANGES: readonly { min: number; max: number | null }[] = [
  { min: 0, max: 25 },
  { min: 25, max: 50 },
  { min: 50, max: 100 },
  { min: 100, max: 200 },
  { min: 200, max: 500 },
  { min: 500, max: null },
];

/** Values kept per facet (most items first); attributes kept (most items first). */
export const FACET_VALUES = 30;
export const FACET_ATTRIBUTES = 12;
const UNSELECTABLE = /["\\]/;

/** How an attribute value reads in a facet and a facet selection. */
export function attributeFacetValue(value: string | number | boolean): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

function top(counts: Map<string, number>, limit: number): FacetCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}

const bump = (m: Map<string, number>, key: string): void => {
  m.set(key, (m.get(key) ?? 0) + 1);
};

/** "A > B > C" -> ["A", "A > B", "A > B > C"]. */
function categoryNodes(category: string): string[] {
  const path = category.split(CATEGORY_SEPARATOR);
  return path.map((_, level) => path.slice(0, level + 1).join(CATEGORY_SEPARATOR));
}

export function facetCounts(items: Iterable<Pick<StoredItem, 'brand' | 'category' | 'price' | 'inStock' | 'attributes'>>, truncated = false): SearchFacets {
  const brands = new Map<string, number>();
  const levels: Map<string, number>[] = [];
  const prices = PRICE_RANGES.map(() => 0);
  const attributes = new Map<string, Map<string, number>>();
  // Items share few category paths: cut each path into its nodes once.
  const nodesOf = new Map<string, string[]>();
  let matched = 0;
  let inStock = 0;
  for (const item of items) {
    matched++;
    if (item.brand) bump(brands, item.brand);
    if (item.category) {
      let nodes = nodesOf.get(item.category);
      if (!nodes) nodesOf.set(item.category, (nodes = categoryNodes(item.category)));
      for (let level = 0; level < nodes.length; level++) bump((levels[level] ??= new Map()), nodes[level]!);
    }
    if (item.price !== undefined) {
      const i = PRICE_RANGES.findIndex((r) => item.price! >= r.min && (r.max === null || item.price! < r.max));
      if (i >= 0) prices[i]!++;
    }
    if (item.inStock) inStock++;
    const attrs = item.attributes;
    if (attrs) {
      for (const name in attrs) {
        // A facet selection cannot name an attribute with `"` or `\` (contract): do not offer one.
        if (UNSELECTABLE.test(name)) continue;
        let values = attributes.get(name);
        if (!values) attributes.set(name, (values = new Map()));
        bump(values, attributeFacetValue(attrs[name]!));
      }
    }
  }
  const attributeList = [...attributes]
    .map(([name, values]) => ({ name, values: top(values, FACET_VALUES), total: [...values.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1))
    .slice(0, FACET_ATTRIBUTES)
    .map(({ name, values }) => ({ name, values }));
  return {
    matched,
    truncated,
    brands: top(brands, FACET_VALUES),
    categories: levels.map((m, level) => ({ level, values: top(m, FACET_VALUES) })),
    priceRanges: PRICE_RANGES.map((r, i) => ({ ...r, count: prices[i]! })),
    inStock: { inStock, outOfStock: matched - inStock },
    attributes: attributeList,
  };
}
