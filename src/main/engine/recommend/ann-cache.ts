import type { ScoredItem } from '../retrieval';

/** How long cached neighbours stay valid even if nothing else changed (new vectors, decayed weights). */
const TTL_MS = 60_000;

/**
 * The intent's nearest items, per shopper, for as long as the intent is unchanged: a shopper who
 * reloads a page or sees a second slot has done nothing new, so the ANN search (the largest single
 * cost of a request) is not repeated. Any new event changes the key, so freshness is untouched.
 */
export class AnnCache {
  private readonly entries = new Map<string, { key: string; at: number; hits: ScoredItem[]; fromWorker: boolean }>();

  constructor(private readonly capacity = 20_000) {}

  get(shopperId: string, key: string, now: number): ScoredItem[] | undefined {
    return this.entry(shopperId, key, now)?.hits;
  }

  /** The hits, and whether a serving worker searched for them (and so holds them too). */
  entry(shopperId: string, key: string, now: number): { hits: ScoredItem[]; fromWorker: boolean } | undefined {
    const e = this.entries.get(shopperId);
    return e && e.key === key && now - e.at < TTL_MS ? e : undefined;
  }

  set(shopperId: string, key: string, now: number, hits: ScoredItem[], fromWorker = false): void {
    this.entries.delete(shopperId);
    this.entries.set(shopperId, { key, at: now, hits, fromWorker });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
