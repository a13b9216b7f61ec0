/**
 * The vector-table rows of the items that pass a search filter, listed once per filter and reused
 * while neither the catalogue (the item cache's version) nor the vector index (its object and
 * size) changed. A filtered semantic search uses them to choose its path: few passing items are
 * scored exactly; many are searched through the ANN graph, checked against a bitmap.
 *
 * Listing costs one pass over the item cache (a predicate per item, a row lookup per passing item);
 * a merchandiser's filter (a ticked brand, a price facet) is asked again and again, so it is kept
 * for the next searches (the `MAX_FILTERS` most recently used). After catalogue writes a kept entry
 * is brought up to date item by item from the cache's change log (`changedSince`) and the rows the
 * index added since, when there are at most `MAX_PATCH` of them; else it is listed again.
 */
import type { ItemPredicate, ItemLookup } from './item-filter';
import type { VectorIndex } from './vector-index';

/** Filters whose rows are kept at once (least recently used dropped first). */
export const MAX_FILTERS = 32;
/** Changed items and new rows applied to a kept entry at most; beyond, one pass over the catalogue is cheaper. */
export const MAX_PATCH = 4096;

export interface PassingRows {
  /** Items with a vector that pass. */
  count: number;
  /** One byte per table row, 1 when the row's item passes (rows added later read as 0). */
  bits: Uint8Array;
  /** The passing rows in ascending order, listed only while at most `listUpTo` pass (else null). */
  rows: Int32Array | null;
}

interface Entry {
  index: VectorIndex;
  size: number;
  version: number;
  listUpTo: number;
  passing: PassingRows;
}

export class FilteredRows {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly items: Required<Pick<ItemLookup, 'values'>> & Pick<ItemLookup, 'version' | 'get' | 'changedSince'>) {}

  /**
   * The passing rows of the filter `key` (any string naming the filters exactly, e.g. their JSON),
   * from the cache when still true, else listed with `predicate`.
   */
  get(index: VectorIndex, key: string, predicate: ItemPredicate, listUpTo: number): PassingRows {
    const version = this.items.version;
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.entries.delete(key); // re-inserted below: the Map's order is the use order
      if (version !== undefined && cached.index === index && cached.listUpTo === listUpTo && cached.size <= index.size) {
        if (cached.version === version && cached.size === index.size) {
          this.entries.set(key, cached);
          return cached.passing;
        }
        const patched = this.patch(cached, index, predicate, version);
        if (patched !== undefined) {
          this.entries.set(key, patched);
          return patched.passing;
        }
      }
    }
    const passing = listPassing(this.items.values(), index, predicate, listUpTo);
    // Without a version the catalogue may change unseen: nothing is kept.
    if (version !== undefined) {
      this.entries.set(key, { index, size: index.size, version, listUpTo, passing });
      if (this.entries.size > MAX_FILTERS) this.entries.delete(this.entries.keys().next().value!);
    }
    return passing;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry brought up to `version` and the index's size item by item, or undefined when that is not possible or not cheaper. */
  private patch(entry: Entry, index: VectorIndex, predicate: ItemPredicate, version: number): Entry | undefined {
    const changed = entry.version === version ? [] : this.items.changedSince?.(entry.version);
    if (changed === undefined || changed.length + (index.size - entry.size) > MAX_PATCH) return undefined;
    let { bits, count } = entry.passing;
    if (index.size > bits.length) {
      const grown = new Uint8Array(index.size);
      grown.set(bits);
      bits = grown;
    }
    const set = (row: number, itemId: string): void => {
      const item = this.items.get(itemId);
      const pass = item !== undefined && predicate(item) ? 1 : 0;
      if (bits[row] !== pass) {
        count += pass === 1 ? 1 : -1;
        bits[row] = pass;
      }
    };
    for (const itemId of changed) {
      const row = index.rowOf(itemId);
      if (row !== undefined && row < entry.size) set(row, itemId);
    }
    for (let row = entry.size; row < index.size; row++) set(row, index.itemIdAt(row));
    return { index, size: index.size, version, listUpTo: entry.listUpTo, passing: { count, bits, rows: count <= entry.listUpTo ? rowsOf(bits, count) : null } };
  }
}

/** One pass over the catalogue: the bitmap of passing rows, and their list while it is short. */
export function listPassing(items: Iterable<Parameters<ItemPredicate>[0] & { itemId: string }>, index: VectorIndex, predicate: ItemPredicate, listUpTo: number): PassingRows {
  const bits = new Uint8Array(index.size);
  let count = 0;
  for (const item of items) {
    if (!predicate(item)) continue;
    const row = index.rowOf(item.itemId);
    if (row === undefined || row >= bits.length || bits[row] === 1) continue;
    bits[row] = 1;
    count++;
  }
  return { count, bits, rows: count <= listUpTo ? rowsOf(bits, count) : null };
}

function rowsOf(bits: Uint8Array, count: number): Int32Array {
  const rows = new Int32Array(count);
  let n = 0;
  for (let row = 0; row < bits.length && n < count; row++) if (bits[row] === 1) rows[n++] = row;
  return rows;
}
