import type { Database } from 'better-sqlite3';
import type { ItemVectorRepository } from '../store';
import type { TokenEvents } from '../training/data/session-events';
import type { ItemAttributeTable } from '../training/model/item-attributes';
import { catalogueAttributes, catalogueAttributesAsync } from './catalogue-attributes';
import { readPackedSequences, readPackedSequencesAsync, unpackSequences, type PackedSequences, type ReadStats, type SequenceReadOptions, type TrainingWindow } from './sequence-reader';
import { nextTurn } from '../workers/time-slices';

export type { TrainingWindow } from './sequence-reader';

export interface StoreTrainingData {
  itemIds: string[];
  /** One view per shopper into one packed buffer (sequence-reader.ts): no per-event objects are kept. */
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
  /** How the read went: batches and the most rows one batch held (absent for data not read from a store). */
  read?: ReadStats;
}

/** The newest event's number: the upper bound a run started now reads up to. */
export function latestEventSeq(db: Database): number {
  return (db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').get() as { seq: number }).seq;
}

function catalogue(db: Database): { itemIds: string[]; index: Map<string, number> } {
  const itemIds = (db.prepare('SELECT item_id FROM items ORDER BY item_id').all() as { item_id: string }[]).map((r) => r.item_id);
  return { itemIds, index: new Map(itemIds.map((id, i) => [id, i])) };
}

/** Item ids per page of `catalogueAsync`. */
const CATALOGUE_PAGE = 10_000;

/** `catalogue`, `CATALOGUE_PAGE` ids at a time with a yield between pages (a whole 100k catalogue took ~80 ms at once). */
async function catalogueAsync(db: Database): Promise<{ itemIds: string[]; index: Map<string, number> }> {
  const page = db.prepare('SELECT item_id FROM items WHERE item_id > ? ORDER BY item_id LIMIT ?').pluck();
  const itemIds: string[] = [];
  for (let after = ''; ; ) {
    const ids = page.all(after, CATALOGUE_PAGE) as string[];
    if (ids.length === 0) break;
    for (const id of ids) itemIds.push(id);
    after = ids.at(-1) as string;
    await nextTurn();
  }
  return { itemIds, index: new Map(itemIds.map((id, i) => [id, i])) };
}

function assemble(db: Database, vectors: ItemVectorRepository, textVersion: string | null, itemIds: string[], read: { packed: PackedSequences; stats: ReadStats }): StoreTrainingData {
  const { sequences, tokenEvents } = unpackSequences(read.packed);
  return { itemIds, sequences, shopperIds: read.packed.shopperIds, tokenEvents, text: textTable(vectors, textVersion, itemIds), attributes: catalogueAttributes(db, itemIds), events: read.packed.events, read: read.stats };
}

/**
 * One sequence per shopper (item events in time order, immediate repeats collapsed, each token
 * with its event type and time gap: `itemEventTokens`), over the catalogue as it is now, read in
 * bounded batches of shoppers (sequence-reader.ts). The frozen encoder's vectors come from the
 * item-vector cache.
 */
export function storeTrainingData(db: Database, vectors: ItemVectorRepository, textVersion: string | null, window: TrainingWindow, options: SequenceReadOptions = {}): StoreTrainingData {
  const { itemIds, index } = catalogue(db);
  return assemble(db, vectors, textVersion, itemIds, readPackedSequences(db, window, index, options));
}

/**
 * The same data, yielding to the event loop between batches (what a fine-tune job uses): the
 * sequences, the text vectors (pages of `TEXT_PAGE` items) and the catalogue's attributes are read
 * in pieces, so the engine's thread never stands still for the whole catalogue (at 100k items the
 * vectors alone took about a second in one piece). The text table lives in a SharedArrayBuffer.
 */
export async function storeTrainingDataAsync(db: Database, vectors: ItemVectorRepository, textVersion: string | null, window: TrainingWindow, options: SequenceReadOptions & { signal?: AbortSignal } = {}): Promise<StoreTrainingData> {
  const { itemIds, index } = await catalogueAsync(db);
  const read = await readPackedSequencesAsync(db, window, index, options);
  const { sequences, tokenEvents } = unpackSequences(read.packed);
  const text = await textTableAsync(vectors, textVersion, itemIds, index, options.signal);
  const attributes = await catalogueAttributesAsync(db, itemIds);
  return { itemIds, sequences, shopperIds: read.packed.shopperIds, tokenEvents, text, attributes, events: read.packed.events, read: read.stats };
}

/** Items per page of the text vectors' read (~8 ms of the engine's thread each at 384 dimensions). */
export const TEXT_PAGE = 1_000;

/** `textTable`, a page at a time with a yield between pages (`pageSize` items: serving loads a model in smaller pages). */
export async function textTableAsync(vectors: ItemVectorRepository, textVersion: string | null, itemIds: readonly string[], index: ReadonlyMap<string, number>, signal?: AbortSignal, pageSize = TEXT_PAGE): Promise<StoreTrainingData['text']> {
  if (!textVersion) return null;
  let dim = 0;
  let out: Float32Array | null = null;
  for (let after = ''; ; ) {
    signal?.throwIfAborted();
    const page = vectors.page(textVersion, after, pageSize);
    if (page.length === 0) break;
    for (const { itemId, vector } of page) {
      if (out === null) {
        dim = vector.length;
        // Shared memory: every training member's thread reads this table as it is (a structured
        // clone would copy it per member on this thread: 150 MB each at 100k items, ~0.12 s).
        out = new Float32Array(new SharedArrayBuffer(itemIds.length * dim * 4));
      }
      const i = index.get(itemId);
      if (i !== undefined && vector.length === dim) out.set(vector, i * dim);
    }
    after = (page.at(-1) as { itemId: string }).itemId;
    await nextTurn();
  }
  return out === null || dim === 0 ? null : { vectors: out, dim };
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
