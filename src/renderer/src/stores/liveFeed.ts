import type { StoredEvent } from '../transport/contract';

/** Rows kept in the live feed; older ones fall off so a busy store cannot grow the page without bound. */
export const FEED_CAP = 500;

/**
 * Merges newly seen events into the feed: newest first by ingest sequence, each id once, capped.
 * The first paint (`events.recent`) and the push stream can overlap, hence the de-duplication.
 */
export function mergeFeed(feed: readonly StoredEvent[], incoming: readonly StoredEvent[], cap: number = FEED_CAP): StoredEvent[] {
  if (incoming.length === 0) return feed.slice(0, cap);
  const seen = new Set<string>();
  const merged: StoredEvent[] = [];
  const all = [...incoming, ...feed].sort((a, b) => b.seq - a.seq);
  for (const event of all) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    merged.push(event);
    if (merged.length >= cap) break;
  }
  return merged;
}

/** The item id for item events, the query for searches: what a merchandiser scans the feed for. */
export function eventSubject(event: StoredEvent): string | null {
  return event.itemId ?? event.query ?? null;
}
