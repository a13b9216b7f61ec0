import type { StoredItem } from '../../../shared/contract';

/**
 * The catalogue in memory for the ranking hot path: a SQLite lookup per candidate would cost more
 * than the whole latency budget. Kept exact by the catalogue's upsert listener.
 */
export class ItemCache {
  private readonly items = new Map<string, StoredItem>();

  load(items: Iterable<StoredItem>): void {
    this.items.clear();
    for (const item of items) this.items.set(item.itemId, item);
  }

  upsert(items: Iterable<StoredItem>): void {
    for (const item of items) this.items.set(item.itemId, item);
  }

  get(itemId: string): StoredItem | undefined {
    return this.items.get(itemId);
  }

  values(): IterableIterator<StoredItem> {
    return this.items.values();
  }

  get size(): number {
    return this.items.size;
  }
}
