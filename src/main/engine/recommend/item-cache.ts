import type { StoredItem } from '../../../shared/contract';

/** Upserted ids remembered for `changedSince`. */
export const CHANGE_LOG = 8192;

/**
 * The catalogue in memory for the ranking hot path: a SQLite lookup per candidate would cost more
 * than the whole latency budget. Kept exact by the catalogue's upsert listener.
 */
export class ItemCache {
  private readonly items = new Map<string, StoredItem>();
  private changes = 0;
  /** Ids upserted since version `logFrom` (at most CHANGE_LOG ids; older ones dropped by moving `logFrom` on). */
  private log: string[] = [];
  private logVersions: number[] = [];
  private logFrom = 0;

  /** Changes on every load and upsert: what was derived from the items at one version (a filter's passing rows) is stale at another. */
  get version(): number {
    return this.changes;
  }

  /**
   * The ids upserted after `version` (repeats possible), or undefined when the cache no longer knows
   * (a load since, or more than CHANGE_LOG ids ago): derive again from every item then.
   */
  changedSince(version: number): string[] | undefined {
    if (version < this.logFrom || version > this.changes) return undefined;
    let i = this.logVersions.length;
    while (i > 0 && this.logVersions[i - 1]! > version) i--;
    return this.log.slice(i);
  }

  load(items: Iterable<StoredItem>): void {
    this.changes++;
    this.log = [];
    this.logVersions = [];
    this.logFrom = this.changes;
    this.items.clear();
    for (const item of items) this.items.set(item.itemId, item);
  }

  upsert(items: Iterable<StoredItem>): void {
    const version = ++this.changes;
    for (const item of items) {
      this.items.set(item.itemId, item);
      this.log.push(item.itemId);
      this.logVersions.push(version);
    }
    if (this.log.length > CHANGE_LOG) {
      // Keep the newest half; what came before is no longer known item by item.
      const cut = this.log.length - CHANGE_LOG / 2;
      this.logFrom = this.logVersions[cut - 1]!;
      this.log = this.log.slice(cut);
      this.logVersions = this.logVersions.slice(cut);
    }
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
