/**
 * Facet counts over a matched set given as keyword-index doc ids (FTS rowids, what the index's
 * MATCH gives), read from flat typed arrays indexed by doc: no item-id string, no item-cache lookup
 * and no per-item map lookup per matched doc. Each doc holds the interned ids of its item's brand,
 * category path, attribute set (the item's attribute name=value pairs as one id), price range and
 * stock; a count adds per path and per attribute set and spreads them over the path's nodes and the
 * set's pairs once per distinct path and set. The counts are exactly what `FacetIndex.count` (and
 * `facetCounts`) give for the docs' items as the item cache holds them: a property test compares them.
 *
 * Kept true by the item cache's version: a doc's facets are read from its item on the first count
 * that meets it, and read again after its item was written (`changedSince`: the ids upserted since
 * the version last seen, mapped back to their docs) or after a reload (every doc read again). A doc
 * never changes item (the index updates an item's row in place, and items are never deleted). A
 * doc with no item row is looked up again on every count (it is left out, as `matchedItems` leaves it out).
 */
import { searchSortKey, type SearchFacets, type SearchSort } from '../../../shared/contract';
import { CATEGORY_SEPARATOR } from './category-path';
import { Counter, facetsOf, Interned, priceRange, type FacetItem } from './facet-index';
import { FirstByKey } from './first-by-key';
import { attributeFacetValue, PRICE_RANGES } from './search-facets';

/** Where a doc's item comes from: the keyword index's doc -> item mapping and the engine's item cache. */
export interface DocFacetSource {
  /** The item id of each doc, in order; undefined for a doc without an item row. */
  itemIds(docs: readonly number[]): readonly (string | undefined)[];
  get(itemId: string): (FacetItem & { updatedAt?: number }) | undefined;
  /** Changes on every catalogue write. */
  readonly version: number;
  /** The ids written after `version`, or undefined when no longer known. */
  changedSince(version: number): readonly string[] | undefined;
}

const NONE = -1;
/** A doc's state: not read (or stale, or without an item row), its item read, its item not in the cache. */
const UNREAD = 0;
const READ = 1;
const NO_ITEM = 2;
const UNSELECTABLE = /["\\]/;

export class DocFacets {
  private state = new Uint8Array(0);
  private brand = new Int32Array(0);
  private path = new Int32Array(0);
  private attributeSet = new Int32Array(0);
  private price = new Int8Array(0);
  private stock = new Uint8Array(0);
  /** The sort keys of a sorted search: price and catalogue time (NaN: none), and the item id (ties). */
  private priceValue = new Float64Array(0);
  private updatedAt = new Float64Array(0);
  private readonly docItem: string[] = [];
  /** Item id -> its doc, for the docs read so far (to find a written item's doc). */
  private readonly itemDocs = new Map<string, number>();
  private version: number | undefined;

  private readonly brands = new Interned();
  /** Category path -> id; each path's node ids and each node's level. */
  private readonly paths = new Interned();
  private readonly pathNodes: Int32Array[] = [];
  private readonly nodes = new Interned();
  private readonly nodeLevel: number[] = [];
  /** Attribute name=value pairs, and sets of them (an item's attributes) as one id. */
  /** Attribute name -> (facet value -> pair id): no key string built per attribute read. */
  private readonly pairs = new Map<string, Map<string, number>>();
  private readonly pairName: string[] = [];
  private readonly pairValue: string[] = [];
  private readonly sets = new Interned();
  private readonly setPairs: Int32Array[] = [];

  private readonly brandCounter = new Counter();
  private readonly pathCounter = new Counter();
  private readonly setCounter = new Counter();
  private readonly nodeCounter = new Counter();
  private readonly pairCounter = new Counter();

  constructor(private readonly source: DocFacetSource) {}

  /**
   * The facets of the items of these docs, `truncated` when at least `limit` docs have an item row;
   * null when none has (nothing matched). The same as `FacetIndex.count` over the docs' items found
   * in the cache, with `truncated` = (docs with an item row) >= limit.
   */
  count(docs: readonly number[], limit: number): SearchFacets | null {
    this.ready(docs);
    return this.tally(docs, limit);
  }

  /**
   * The items of the `n` docs first by price (ascending or descending) or catalogue time (newest
   * first), as a sorted search shows them: items without the key last, ties by item id. Docs without
   * an item in the cache are left out. One pass over typed arrays, keeping the best n in order.
   */
  top(docs: readonly number[], order: Exclude<SearchSort, 'relevance'>, n: number): string[] {
    this.ready(docs);
    if (n <= 0) return [];
    const { state, docItem } = this;
    const best = new FirstByKey(n);
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (state[d] === READ) best.offer(searchSortKey(order, this.priceValue[d], this.updatedAt[d]), docItem[d]!);
    }
    return best.first;
  }

  /** Brought up to the catalogue's version, the docs not read yet are read. */
  private ready(docs: readonly number[]): void {
    this.follow();
    let unread: number[] | undefined;
    const state = this.state;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (d >= state.length || state[d] === UNREAD) (unread ??= []).push(d);
    }
    if (unread !== undefined) this.read(unread);
  }

  /** Docs whose item was written since the version last seen are read again; after a reload, every doc. */
  private follow(): void {
    const version = this.source.version;
    if (this.version === version) return;
    const changed = this.version === undefined ? undefined : this.source.changedSince(this.version);
    if (changed === undefined) this.state.fill(UNREAD);
    else {
      for (const id of changed) {
        const d = this.itemDocs.get(id);
        if (d !== undefined) this.state[d] = UNREAD;
      }
    }
    this.version = version;
  }

  private tally(docs: readonly number[], limit: number): SearchFacets | null {
    const { state, brand, path, attributeSet, price, stock } = this;
    const prices = PRICE_RANGES.map(() => 0);
    let withItem = 0;
    let matched = 0;
    let inStock = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const s = state[d];
      if (s !== READ) {
        if (s === NO_ITEM) withItem++;
        continue;
      }
      withItem++;
      matched++;
      const b = brand[d]!;
      if (b !== NONE) this.brandCounter.add(b);
      const p = path[d]!;
      if (p !== NONE) this.pathCounter.add(p);
      const a = attributeSet[d]!;
      if (a !== NONE) this.setCounter.add(a);
      const r = price[d]!;
      if (r !== NONE) prices[r]!++;
      inStock += stock[d]!;
    }
    if (withItem === 0) {
      // Nothing was counted: the counters hold nothing to reset.
      return null;
    }
    let depth = 0;
    for (const [id, n] of this.pathCounter.drain()) {
      const nodes = this.pathNodes[id]!;
      if (nodes.length > depth) depth = nodes.length;
      for (let i = 0; i < nodes.length; i++) this.nodeCounter.add(nodes[i]!, n);
    }
    for (const [id, n] of this.setCounter.drain()) {
      const pairs = this.setPairs[id]!;
      for (let i = 0; i < pairs.length; i++) this.pairCounter.add(pairs[i]!, n);
    }
    const brands = this.brandCounter.drain().map(([id, n]): [string, number] => [this.brands.values[id]!, n]);
    const levels: [string, number][][] = Array.from({ length: depth }, () => []);
    for (const [id, n] of this.nodeCounter.drain()) levels[this.nodeLevel[id]!]!.push([this.nodes.values[id]!, n]);
    const attributes = new Map<string, [string, number][]>();
    for (const [id, n] of this.pairCounter.drain()) {
      const name = this.pairName[id]!;
      let values = attributes.get(name);
      if (!values) attributes.set(name, (values = []));
      values.push([this.pairValue[id]!, n]);
    }
    return facetsOf({ matched, truncated: withItem >= limit, inStock, prices, brands, levels, attributes });
  }

  /**
   * Reads ahead (a page of the doc -> item mapping, before any search meets them): the docs not read
   * yet or stale are read from their items now, so that a later count finds them read.
   */
  readAhead(docs: readonly number[], itemIds: readonly (string | undefined)[]): void {
    this.follow();
    const unread: number[] = [];
    const ids: (string | undefined)[] = [];
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (d >= this.state.length || this.state[d] === UNREAD) {
        unread.push(d);
        ids.push(itemIds[i]);
      }
    }
    if (unread.length > 0) this.readItems(unread, ids);
  }

  /** Reads the facets of these docs' items (one mapping query for the docs not mapped yet). */
  private read(docs: readonly number[]): void {
    this.readItems(docs, this.source.itemIds(docs));
  }

  private readItems(docs: readonly number[], ids: readonly (string | undefined)[]): void {
    let max = -1;
    for (const d of docs) if (d > max) max = d;
    this.grow(max + 1);
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const itemId = ids[i];
      if (itemId === undefined) continue; // no item row: stays UNREAD, looked up again next time
      this.itemDocs.set(itemId, d);
      const item = this.source.get(itemId);
      if (item === undefined) {
        this.state[d] = NO_ITEM;
        continue;
      }
      this.brand[d] = item.brand ? this.brands.id(item.brand) : NONE;
      this.path[d] = item.category ? this.pathId(item.category) : NONE;
      this.attributeSet[d] = this.setId(item.attributes);
      this.price[d] = priceRange(item.price);
      this.stock[d] = item.inStock ? 1 : 0;
      this.priceValue[d] = item.price ?? Number.NaN;
      this.updatedAt[d] = item.updatedAt ?? Number.NaN;
      this.docItem[d] = itemId;
      this.state[d] = READ;
    }
  }

  private grow(size: number): void {
    if (size <= this.state.length) return;
    const n = Math.max(size, this.state.length * 2, 1024);
    const grown = <T extends Uint8Array | Int8Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.state = grown(this.state, (k) => new Uint8Array(k));
    this.brand = grown(this.brand, (k) => new Int32Array(k));
    this.path = grown(this.path, (k) => new Int32Array(k));
    this.attributeSet = grown(this.attributeSet, (k) => new Int32Array(k));
    this.price = grown(this.price, (k) => new Int8Array(k));
    this.stock = grown(this.stock, (k) => new Uint8Array(k));
    this.priceValue = grown(this.priceValue, (k) => new Float64Array(k));
    this.updatedAt = grown(this.updatedAt, (k) => new Float64Array(k));
  }

  /** "A > B > C": one id; its nodes "A", "A > B", "A > B > C" cut once. */
  private pathId(category: string): number {
    const before = this.paths.values.length;
    const id = this.paths.id(category);
    if (id === before) {
      const parts = category.split(CATEGORY_SEPARATOR);
      this.pathNodes[id] = Int32Array.from(
        parts.map((_, level) => {
          const nodesBefore = this.nodes.values.length;
          const node = this.nodes.id(parts.slice(0, level + 1).join(CATEGORY_SEPARATOR));
          if (node === nodesBefore) this.nodeLevel[node] = level;
          return node;
        }),
      );
    }
    return id;
  }

  /** An item's attribute pairs as one set id (NONE without any the facets offer). */
  private setId(attributes: FacetItem['attributes']): number {
    if (!attributes) return NONE;
    const ids: number[] = [];
    for (const name in attributes) {
      // A facet selection cannot name an attribute with `"` or `\` (contract): do not offer one.
      if (UNSELECTABLE.test(name)) continue;
      const value = attributeFacetValue(attributes[name]!);
      let values = this.pairs.get(name);
      if (values === undefined) this.pairs.set(name, (values = new Map()));
      let id = values.get(value);
      if (id === undefined) {
        id = this.pairName.length;
        values.set(value, id);
        this.pairName[id] = name;
        this.pairValue[id] = value;
      }
      ids.push(id);
    }
    if (ids.length === 0) return NONE;
    const before = this.sets.values.length;
    const set = this.sets.id(ids.join(','));
    if (set === before) this.setPairs[set] = Int32Array.from(ids);
    return set;
  }
}
