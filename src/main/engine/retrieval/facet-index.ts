/**
 * Facet counts without string work per matched item: each item's facet values (brand, category
 * path nodes, price range, stock, attribute name=value pairs) are interned to integer ids once per
 * item object and kept in typed arrays; a count is integer increments into reused counters that
 * are reset through the list of ids they touched, so a query costs O(matched items), never
 * O(catalogue) or O(distinct values). Gives exactly what `facetCounts` gives (a property test
 * compares them).
 *
 * Items are values: the item cache replaces an item's object on every upsert, so the facet ids are
 * cached per object (a WeakMap) and a changed item is re-read on its next count.
 */
import type { FacetCount, SearchFacets, StoredItem } from '../../../shared/contract';
import { CATEGORY_SEPARATOR } from './category-path';
import { attributeFacetValue, FACET_ATTRIBUTES, FACET_VALUES, PRICE_RANGES } from './search-facets';

export type FacetItem = Pick<StoredItem, 'brand' | 'category' | 'price' | 'inStock' | 'attributes'>;

const UNSELECTABLE = /["\\]/;
const NONE = -1;

interface ItemFacets {
  brand: number;
  /** Category node ids, level 0 first. */
  nodes: Int32Array;
  /** Index into PRICE_RANGES, NONE without a price in one. */
  price: number;
  inStock: boolean;
  /** Attribute (name, value) pair ids. */
  attributes: Int32Array;
}

/** Strings <-> dense ids. */
export class Interned {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/** Counts per id, reset after each read through the ids it touched. */
export class Counter {
  private counts = new Int32Array(256);
  private readonly touched: number[] = [];

  /** `by` > 0. */
  add(id: number, by = 1): void {
    if (id >= this.counts.length) {
      const grown = new Int32Array(Math.max(id + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    const n = this.counts[id]!;
    this.counts[id] = n + by;
    if (n === 0) this.touched.push(id);
  }

  /** (id, count) of every id counted since the last drain, and resets them. */
  drain(): [number, number][] {
    const out: [number, number][] = new Array(this.touched.length);
    for (let i = 0; i < this.touched.length; i++) {
      const id = this.touched[i]!;
      out[i] = [id, this.counts[id]!];
      this.counts[id] = 0;
    }
    this.touched.length = 0;
    return out;
  }
}

/** Index into PRICE_RANGES of a price, NONE (-1) without one or in none. */
export function priceRange(price: number | undefined): number {
  if (price === undefined) return NONE;
  return PRICE_RANGES.findIndex((r) => price >= r.min && (r.max === null || price < r.max));
}

/** The `limit` values counted most (ties by value), as `facetCounts` orders them. */
export function top(counts: readonly [string, number][], limit: number): FacetCount[] {
  return counts
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}

/** What was counted over a matched set, as value strings. */
export interface Counted {
  matched: number;
  truncated: boolean;
  inStock: number;
  /** Per PRICE_RANGES entry. */
  prices: readonly number[];
  brands: [string, number][];
  /** Per category level (0 = top), every level down to the deepest counted. */
  levels: [string, number][][];
  /** Attribute name -> (value, count). */
  attributes: ReadonlyMap<string, [string, number][]>;
}

/** The reply's facets from counted values, ordered and cut as `facetCounts` orders and cuts them. */
export function facetsOf(c: Counted): SearchFacets {
  const attributes = [...c.attributes]
    .map(([name, values]) => ({ name, values, total: values.reduce((a, [, n]) => a + n, 0) }))
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1))
    .slice(0, FACET_ATTRIBUTES)
    .map(({ name, values }) => ({ name, values: top(values, FACET_VALUES) }));
  return {
    matched: c.matched,
    truncated: c.truncated,
    brands: top(c.brands, FACET_VALUES),
    categories: c.levels.map((values, level) => ({ level, values: top(values, FACET_VALUES) })),
    priceRanges: PRICE_RANGES.map((r, i) => ({ ...r, count: c.prices[i]! })),
    inStock: { inStock: c.inStock, outOfStock: c.matched - c.inStock },
    attributes,
  };
}

export class FacetIndex {
  private readonly byItem = new WeakMap<object, ItemFacets>();
  private readonly brands = new Interned();
  private readonly nodes = new Interned();
  /** Level of each category node id. */
  private readonly nodeLevel: number[] = [];
  private readonly names = new Interned();
  private readonly pairs = new Interned();
  /** Attribute name id and value of each pair id. */
  private readonly pairName: number[] = [];
  private readonly pairValue: string[] = [];
  /** A category path's node ids, cut once per distinct path. */
  private readonly pathNodes = new Map<string, Int32Array>();
  private readonly brandCounter = new Counter();
  private readonly nodeCounter = new Counter();
  private readonly pairCounter = new Counter();

  /** The facet counts of these items (the matched set): the same figures as `facetCounts`. */
  count(items: Iterable<FacetItem>, truncated = false): SearchFacets {
    const prices = PRICE_RANGES.map(() => 0);
    let matched = 0;
    let inStock = 0;
    let depth = 0;
    for (const item of items) {
      const f = this.facetsOf(item);
      matched++;
      if (f.brand !== NONE) this.brandCounter.add(f.brand);
      const nodes = f.nodes;
      for (let i = 0; i < nodes.length; i++) this.nodeCounter.add(nodes[i]!);
      if (nodes.length > depth) depth = nodes.length;
      if (f.price !== NONE) prices[f.price]!++;
      if (f.inStock) inStock++;
      const pairs = f.attributes;
      for (let i = 0; i < pairs.length; i++) this.pairCounter.add(pairs[i]!);
    }
    const brands = this.brandCounter.drain().map(([id, n]): [string, number] => [this.brands.values[id]!, n]);
    const levels: [string, number][][] = Array.from({ length: depth }, () => []);
    for (const [id, n] of this.nodeCounter.drain()) levels[this.nodeLevel[id]!]!.push([this.nodes.values[id]!, n]);
    const byName = new Map<string, [string, number][]>();
    for (const [id, n] of this.pairCounter.drain()) {
      const name = this.names.values[this.pairName[id]!]!;
      let values = byName.get(name);
      if (!values) byName.set(name, (values = []));
      values.push([this.pairValue[id]!, n]);
    }
    return facetsOf({ matched, truncated, inStock, prices, brands, levels, attributes: byName });
  }

  private facetsOf(item: FacetItem): ItemFacets {
    let f = this.byItem.get(item);
    if (f === undefined) this.byItem.set(item, (f = this.read(item)));
    return f;
  }

  private read(item: FacetItem): ItemFacets {
    const pairs: number[] = [];
    const attrs = item.attributes;
    if (attrs) {
      for (const name in attrs) {
        // A facet selection cannot name an attribute with `"` or `\` (contract): do not offer one.
        if (UNSELECTABLE.test(name)) continue;
        const value = attributeFacetValue(attrs[name]!);
        // Unambiguous key: a name never holds `"`, so the first `"` ends it.
        const key = `${name}"${value}`;
        const before = this.pairs.values.length;
        const id = this.pairs.id(key);
        if (id === before) {
          this.pairName[id] = this.names.id(name);
          this.pairValue[id] = value;
        }
        pairs.push(id);
      }
    }
    return {
      brand: item.brand ? this.brands.id(item.brand) : NONE,
      nodes: item.category ? this.categoryNodes(item.category) : new Int32Array(0),
      price: priceRange(item.price),
      inStock: item.inStock,
      attributes: Int32Array.from(pairs),
    };
  }

  /** "A > B > C" -> the ids of "A", "A > B", "A > B > C". */
  private categoryNodes(category: string): Int32Array {
    let ids = this.pathNodes.get(category);
    if (ids === undefined) {
      const path = category.split(CATEGORY_SEPARATOR);
      ids = Int32Array.from(path.map((_, level) => {
        const before = this.nodes.values.length;
        const id = this.nodes.id(path.slice(0, level + 1).join(CATEGORY_SEPARATOR));
        if (id === before) this.nodeLevel[id] = level;
        return id;
      }));
      this.pathNodes.set(category, ids);
    }
    return ids;
  }
}
