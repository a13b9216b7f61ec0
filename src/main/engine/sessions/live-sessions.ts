import type { StoredEvent } from '../../../shared/contract';

/** What live state keeps of an event: enough to compute intent, nothing more. */
export interface RecentEvent {
  type: string;
  itemId: string | null;
  query: string | null;
  price: number | null;
  ts: number;
  sessionId: string;
}

export interface LiveSessionsOptions {
  /** Shoppers kept in memory; the least recently active are evicted (and reloaded from the store on demand). */
  maxShoppers?: number;
  /** Events kept per shopper, newest last. */
  perShopper?: number;
}

/**
 * Each shopper's recent events, in memory, bounded. A miss (new process, evicted shopper) reloads
 * from the store, so state survives a restart without a warm-up pass. Every stored event is
 * observed on the ingest path, which keeps a cached shopper exact.
 */
export class LiveSessions {
  private readonly shoppers = new Map<string, RecentEvent[]>();
  private readonly maxShoppers: number;
  readonly perShopper: number;

  constructor(
    private readonly loadRecent: (shopperId: string, limit: number) => StoredEvent[],
    options: LiveSessionsOptions = {},
  ) {
    this.maxShoppers = options.maxShoppers ?? 50_000;
    this.perShopper = options.perShopper ?? 50;
  }

  observe(event: StoredEvent): void {
    const list = this.shoppers.get(event.shopperId);
    // An uncached shopper is loaded from the store (which already holds this event) when next asked for.
    if (!list) return;
    insertByTime(list, toRecent(event));
    if (list.length > this.perShopper) list.splice(0, list.length - this.perShopper);
    this.touch(event.shopperId, list);
  }

  /** The shopper's recent events, oldest first. */
  recent(shopperId: string): readonly RecentEvent[] {
    let list = this.shoppers.get(shopperId);
    if (!list) {
      list = this.loadRecent(shopperId, this.perShopper).map(toRecent).sort((a, b) => a.ts - b.ts);
      if (list.length === 0) return list;
    }
    this.touch(shopperId, list);
    return list;
  }

  get size(): number {
    return this.shoppers.size;
  }

  /** Whether the shopper's recent events are held in memory. */
  holds(shopperId: string): boolean {
    return this.shoppers.has(shopperId);
  }

  /** Drops the shopper's cached events (an erasure); a later request reloads what the store still holds. */
  forget(shopperId: string): boolean {
    return this.shoppers.delete(shopperId);
  }

  private touch(shopperId: string, list: RecentEvent[]): void {
    // A Map iterates in insertion order: re-inserting makes this the most recent entry.
    this.shoppers.delete(shopperId);
    this.shoppers.set(shopperId, list);
    if (this.shoppers.size > this.maxShoppers) {
      const oldest = this.shoppers.keys().next().value;
      if (oldest !== undefined) this.shoppers.delete(oldest);
    }
  }
}

function toRecent(e: StoredEvent): RecentEvent {
  return { type: e.type, itemId: e.itemId, query: e.query, price: e.price, ts: e.ts, sessionId: e.sessionId };
}

/** Events mostly arrive in time order; a late one is placed where it belongs. */
function insertByTime(list: RecentEvent[], e: RecentEvent): void {
  let i = list.length;
  while (i > 0 && (list[i - 1]?.ts ?? 0) > e.ts) i--;
  list.splice(i, 0, e);
}
