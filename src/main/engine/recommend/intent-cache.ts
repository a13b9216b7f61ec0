import type { VectorIndex } from '../retrieval/vector-index';
import type { RecentEvent } from '../sessions/live-sessions';
import type { SessionIntent } from '../sessions/session-intent';

interface Entry {
  readonly length: number;
  readonly first: RecentEvent | undefined;
  readonly last: RecentEvent | undefined;
  readonly index: VectorIndex;
  readonly revision: number;
  readonly queries: number;
  readonly intent: SessionIntent;
}

/**
 * A shopper's session intent, kept between requests while nothing it is made of changed: a
 * shopper asking for several lists between two events (pages, slots, a search and a product page)
 * had it recomputed on every one (a weighted sum of up to 50 item vectors, about a tenth of the
 * engine thread's work per HTTP list). Keyed by the live event list itself (LiveSessions keeps one
 * array per shopper and changes it in place), it is used again only when the list holds the same
 * events (its length and both ends: an event lands by time, and the oldest then drops off), the
 * vectors are those of the same index at the same revision, and as many of the typed queries have
 * an embedding as before. An intent that depends on the clock (an event from the future: its age
 * is measured from now) is never kept.
 */
export class IntentCache {
  private readonly entries = new WeakMap<readonly RecentEvent[], Entry>();

  /** The cached intent, or `compute()`'s, kept for next time. `queries`: how many events' queries have an embedding now. */
  get(events: readonly RecentEvent[], now: number, index: VectorIndex, queries: number, compute: () => SessionIntent): SessionIntent {
    const first = events[0];
    const last = events.at(-1);
    const known = this.entries.get(events);
    if (known && known.length === events.length && known.first === first && known.last === last && known.index === index && known.revision === index.revision && known.queries === queries) return known.intent;
    const intent = compute();
    if (events.every((e) => e.ts <= now)) this.entries.set(events, { length: events.length, first, last, index, revision: index.revision, queries, intent });
    return intent;
  }
}
