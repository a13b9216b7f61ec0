import type { Database } from 'better-sqlite3';
import type { ItemVectorRepository } from '../store';
import { itemEventTokens, SEQUENCE_EVENT_TYPES, type ItemEvent, type TokenEvents } from '../training/data/session-events';
import type { ItemAttributeTable } from '../training/model/item-attributes';
import { catalogueAttributes } from './catalogue-attributes';

/** Event types that say "the shopper went to this item": the sequence the intent model learns. */
const SEQUENCE_TYPES = SEQUENCE_EVENT_TYPES.map((t) => `'${t}'`).join(', ');

/**
 * Which events a run reads: item events at or after `sinceTs`, up to and including the event
 * numbered `untilSeq`. The bound is fixed when a run starts, so a resumed run rebuilds exactly the
 * same sequences however many events arrived since (events are only ever appended).
 */
export interface TrainingWindow {
  sinceTs: number;
  untilSeq: number;
}

export interface StoreTrainingData {
  itemIds: string[];
  sequences: Int32Array[];
  /** The shopper of each sequence (one sequence per shopper). */
  shopperIds: string[];
  /** Each sequence's event types and time-gap buckets, token by token (for a model with event embeddings). */
  tokenEvents: TokenEvents[];
  /** Frozen text vectors in item order; items without one get zeros (they still train their id embedding). */
  text: { vectors: Float32Array; dim: number } | null;
  /** Brand, category nodes and price band of each item (catalogue-attributes.ts); null when the catalogue has none. */
  attributes: ItemAttributeTable | null;
  events: number;
}

/** The newest event's number: the upper bound a run started now reads up to. */
export function latestEventSeq(db: Database): number {
  return (db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').get() as { seq: number }).seq;
}

/**
 * One sequence per shopper (item events in time order, immediate repeats collapsed, each token
 * with its event type and time gap: `itemEventTokens`), over the catalogue as it is now. The
 * frozen encoder's vectors come from the item-vector cache.
 */
export function storeTrainingData(db: Database, vectors: ItemVectorRepository, textVersion: string | null, window: TrainingWindow): StoreTrainingData {
  const itemIds = (db.prepare('SELECT item_id FROM items ORDER BY item_id').all() as { item_id: string }[]).map((r) => r.item_id);
  const index = new Map(itemIds.map((id, i) => [id, i]));
  const rows = db
    .prepare(`SELECT shopper_id, item_id, type, ts FROM events WHERE type IN (${SEQUENCE_TYPES}) AND item_id IS NOT NULL AND ts >= ? AND seq <= ? ORDER BY shopper_id, ts, seq`)
    .iterate(window.sinceTs, window.untilSeq) as IterableIterator<{ shopper_id: string; item_id: string; type: string; ts: number }>;
  const sequences: Int32Array[] = [];
  const shopperIds: string[] = [];
  const tokenEvents: TokenEvents[] = [];
  let current: ItemEvent[] = [];
  let shopper: string | null = null;
  let events = 0;
  const flush = (): void => {
    const tokens = itemEventTokens(current);
    if (tokens.items.length >= 2) {
      sequences.push(tokens.items);
      shopperIds.push(shopper!);
      tokenEvents.push(tokens.events);
    }
    current = [];
  };
  for (const r of rows) {
    const item = index.get(r.item_id);
    if (item === undefined) continue;
    events++;
    if (r.shopper_id !== shopper) {
      flush();
      shopper = r.shopper_id;
    }
    current.push({ item, type: r.type, ts: r.ts });
  }
  flush();
  return { itemIds, sequences, shopperIds, tokenEvents, text: textTable(vectors, textVersion, itemIds), attributes: catalogueAttributes(db, itemIds), events };
}

/** The frozen encoder's vectors in the given item order; items without one get zeros. */
export function textTable(vectors: ItemVectorRepository, textVersion: string | null, itemIds: readonly string[]): StoreTrainingData['text'] {
  if (!textVersion) return null;
  let dim = 0;
  const table = new Map<string, Float32Array>();
  for (const { itemId, vector } of vectors.all(textVersion)) {
    dim = vector.length;
    table.set(itemId, vector);
  }
  if (dim === 0) return null;
  const out = new Float32Array(itemIds.length * dim);
  itemIds.forEach((id, i) => {
    const v = table.get(id);
    if (v) out.set(v, i * dim);
  });
  return { vectors: out, dim };
}
