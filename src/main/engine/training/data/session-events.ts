/**
 * What the intent model may know about each item token besides the item: the event type that put
 * it there and the time since the event before it. The store records both; the Amazon research
 * sets have order only, so for them these features are absent and the model does not use them.
 */

/** Per-token features of one item sequence, aligned with its items (same length, same order). */
export interface TokenEvents {
  /** Event-type ids (`eventTypeId`). */
  types: Int32Array;
  /** Time-gap bucket ids (`gapBucket`), bucketed here rather than in the model or the ONNX graph. */
  gaps: Int32Array;
}

/**
 * The event types whose item becomes a token of the learned sequence (the contract's item events
 * minus `remove_from_cart`, which says the shopper went away from the item). Training and serving
 * read the same set.
 */
export const SEQUENCE_EVENT_TYPES: readonly string[] = ['view', 'click', 'add_to_cart', 'purchase'];

/** Type ids; 0 is any other type, so a custom integration's item event still has a row. */
const TYPE_IDS: ReadonlyMap<string, number> = new Map([
  ['view', 1],
  ['click', 2],
  ['add_to_cart', 3],
  ['remove_from_cart', 4],
  ['purchase', 5],
]);

/** Rows of the event-type table. */
export const NUM_EVENT_TYPES = 6;

export function eventTypeId(type: string): number {
  return TYPE_IDS.get(type) ?? 0;
}

/**
 * Upper bounds (exclusive, seconds) of the gap buckets 1..13, about a factor 2–3 apart: quick
 * clicks through a list, reading a page, leaving and coming back, a new session, a new week.
 * Bucket 0 is "no previous event" (the first token); bucket 14 is a week or more.
 */
export const GAP_BUCKET_BOUNDS_SECONDS: readonly number[] = [5, 15, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 12 * 3600, 86_400, 7 * 86_400];

/** Rows of the time-gap table: the first-token bucket, one per bound, and the open-ended last. */
export const NUM_GAP_BUCKETS = GAP_BUCKET_BOUNDS_SECONDS.length + 2;

/** The bucket of a gap in seconds (null = no previous event). Clock skew (a negative gap) counts as 0 s. */
export function gapBucket(seconds: number | null): number {
  if (seconds === null) return 0;
  const s = Math.max(0, seconds);
  for (let b = 0; b < GAP_BUCKET_BOUNDS_SECONDS.length; b += 1) if (s < GAP_BUCKET_BOUNDS_SECONDS[b]!) return b + 1;
  return NUM_GAP_BUCKETS - 1;
}

/** One item event of a shopper, in time order; `item` is its dense catalogue index. */
export interface ItemEvent {
  item: number;
  type: string;
  /** Epoch milliseconds. */
  ts: number;
}

/**
 * A shopper's item events -> the model's tokens: immediate repeats of an item collapse into one
 * token (as the sequences always have), which keeps the LAST event's type and time (view then
 * add-to-cart of one item is an add-to-cart); each token's gap is the time since the token
 * before it. The store's training data and the live session are both built with this.
 */
export function itemEventTokens(events: readonly ItemEvent[]): { items: Int32Array; events: TokenEvents } {
  const items: number[] = [];
  const types: number[] = [];
  const times: number[] = [];
  for (const e of events) {
    if (items.length > 0 && items[items.length - 1] === e.item) {
      types[types.length - 1] = eventTypeId(e.type);
      times[times.length - 1] = e.ts;
    } else {
      items.push(e.item);
      types.push(eventTypeId(e.type));
      times.push(e.ts);
    }
  }
  const gaps = Int32Array.from(times, (t, i) => gapBucket(i === 0 ? null : (t - times[i - 1]!) / 1000));
  return { items: Int32Array.from(items), events: { types: Int32Array.from(types), gaps } };
}

/** The last `n` tokens' features (what a window of the last `n` items reads). */
export function lastEvents(events: TokenEvents, n: number): TokenEvents {
  const from = Math.max(0, events.types.length - n);
  return { types: events.types.subarray(from), gaps: events.gaps.subarray(from) };
}
