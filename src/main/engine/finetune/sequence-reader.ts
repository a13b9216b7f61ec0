import type { Database, Statement } from 'better-sqlite3';
import { itemEventTokens, SEQUENCE_EVENT_TYPES, type ItemEvent, type TokenEvents } from '../training/data/session-events';
import { nextTurn } from '../workers/time-slices';

/**
 * Reads the store's training sequences as a stream (issue 18, "many shoppers"): shoppers in id
 * order, a batch of whole shoppers at a time, each batch one bounded query; what is kept is
 * compact (one Int32Array each for items, event types and gap buckets of every token, plus one
 * offset per shopper), never the window's events as objects.
 *
 * Memory bound: a batch holds the events of the shoppers whose sessions' event counts add up to
 * `chunkRows` (the last shopper of a batch is read whole, so a batch holds fewer than `chunkRows`
 * + that shopper's events), and SQLite sorts only that batch. What stays is 12 bytes per token and
 * one id string per shopper.
 */

/** Rows of events a batch aims at (see the bound above). */
export const TRAINING_READ_CHUNK_ROWS = 20_000;

/** Which events a run reads: item events at or after `sinceTs`, up to and including the event numbered `untilSeq`. */
export interface TrainingWindow {
  sinceTs: number;
  untilSeq: number;
}

/** The token sequences of a window, packed: shopper `k`'s tokens are `[offsets[k], offsets[k+1])`. */
export interface PackedSequences {
  items: Int32Array;
  types: Int32Array;
  gaps: Int32Array;
  offsets: Int32Array;
  shopperIds: string[];
  /** Item events read (those of items in the catalogue). */
  events: number;
}

/** What a read did: batches, and the most event rows one batch held (the bound a test checks). */
export interface ReadStats {
  batches: number;
  maxRowsHeld: number;
  /** The most events one shopper had (a batch may exceed `chunkRows` by that shopper's events). */
  maxShopperRows: number;
}

export interface SequenceReadOptions {
  chunkRows?: number;
  /** Called with each batch's row count as it is read (tests). */
  onBatch?: (rows: number) => void;
}

const SEQUENCE_TYPES = SEQUENCE_EVENT_TYPES.map((t) => `'${t}'`).join(', ');

/** Growable Int32Array. */
class IntBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  appendAll(xs: Int32Array): void {
    while (this.length + xs.length > this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    this.data.set(xs, this.length);
    this.length += xs.length;
  }
  /** A trimmed copy (the growth slack is freed). */
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

interface EventRow {
  shopper_id: string;
  item_id: string;
  type: string;
  ts: number;
}

/** The statements and state of one read, batch by batch. */
class BatchReader {
  private readonly shoppers: Statement;
  private readonly events: Statement;
  private last = '';
  private finished = false;
  private readonly items = new IntBuffer();
  private readonly types = new IntBuffer();
  private readonly gaps = new IntBuffer();
  private readonly offsets = new IntBuffer();
  private readonly shopperIds: string[] = [];
  private eventCount = 0;
  readonly stats: ReadStats = { batches: 0, maxRowsHeld: 0, maxShopperRows: 0 };

  constructor(
    db: Database,
    private readonly window: TrainingWindow,
    private readonly index: ReadonlyMap<string, number>,
    private readonly chunkRows: number,
    private readonly onBatch?: (rows: number) => void,
  ) {
    if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new Error(`training read: chunkRows ${chunkRows} must be a positive integer`);
    // Shoppers in id order with their sessions' event counts (the sessions_shopper index), to cut batches by rows.
    this.shoppers = db.prepare('SELECT shopper_id, SUM(event_count) AS n FROM sessions WHERE shopper_id > ? GROUP BY shopper_id ORDER BY shopper_id LIMIT ?');
    // One batch's item events, through its shoppers' sessions (events_session index): only this batch is sorted.
    this.events = db.prepare(
      `SELECT e.shopper_id, e.item_id, e.type, e.ts FROM sessions s JOIN events e ON e.session_id = s.session_id
       WHERE s.shopper_id > ? AND s.shopper_id <= ? AND e.type IN (${SEQUENCE_TYPES}) AND e.item_id IS NOT NULL AND e.ts >= ? AND e.seq <= ?
       ORDER BY e.shopper_id, e.ts, e.seq`,
    );
    this.offsets.push(0);
  }

  /** Reads the next batch; false when every shopper has been read. */
  next(): boolean {
    if (this.finished) return false;
    const limit = Math.max(1, Math.min(this.chunkRows, 10_000));
    let upTo: string | null = null;
    let planned = 0;
    let shoppers = 0;
    // Whole shoppers until their events reach chunkRows (a page of shoppers at a time); at most
    // chunkRows shoppers, so a store whose session counts are off still reads in bounded batches.
    for (let full = false; !full; ) {
      const page = this.shoppers.all(upTo ?? this.last, limit) as { shopper_id: string; n: number | null }[];
      for (const s of page) {
        upTo = s.shopper_id;
        planned += s.n ?? 0;
        shoppers += 1;
        if (planned >= this.chunkRows || shoppers >= this.chunkRows) {
          full = true;
          break;
        }
      }
      if (!full && page.length < limit) {
        this.finished = true;
        break;
      }
    }
    if (upTo === null) return false;
    const rows = this.events.all(this.last, upTo, this.window.sinceTs, this.window.untilSeq) as EventRow[];
    this.last = upTo;
    this.stats.batches += 1;
    this.stats.maxRowsHeld = Math.max(this.stats.maxRowsHeld, rows.length);
    this.onBatch?.(rows.length);
    let current: ItemEvent[] = [];
    let shopper: string | null = null;
    const flush = (): void => {
      this.stats.maxShopperRows = Math.max(this.stats.maxShopperRows, current.length);
      const tokens = itemEventTokens(current);
      if (tokens.items.length >= 2) {
        this.items.appendAll(tokens.items);
        this.types.appendAll(tokens.events.types);
        this.gaps.appendAll(tokens.events.gaps);
        this.offsets.push(this.items.length);
        this.shopperIds.push(shopper!);
      }
      current = [];
    };
    for (const r of rows) {
      const item = this.index.get(r.item_id);
      if (item === undefined) continue;
      this.eventCount += 1;
      if (r.shopper_id !== shopper) {
        if (shopper !== null) flush();
        shopper = r.shopper_id;
      }
      current.push({ item, type: r.type, ts: r.ts });
    }
    if (shopper !== null) flush();
    return !this.finished;
  }

  result(): PackedSequences {
    return { items: this.items.done(), types: this.types.done(), gaps: this.gaps.done(), offsets: this.offsets.done(), shopperIds: this.shopperIds, events: this.eventCount };
  }
}

/** The whole window's sequences, read batch by batch, synchronously. */
export function readPackedSequences(db: Database, window: TrainingWindow, index: ReadonlyMap<string, number>, options: SequenceReadOptions = {}): { packed: PackedSequences; stats: ReadStats } {
  const reader = new BatchReader(db, window, index, options.chunkRows ?? TRAINING_READ_CHUNK_ROWS, options.onBatch);
  while (reader.next());
  return { packed: reader.result(), stats: reader.stats };
}

/**
 * The same read, yielding to the event loop between batches, so a large store's read never holds
 * the engine's loop (or the connection) for longer than one batch.
 */
export async function readPackedSequencesAsync(db: Database, window: TrainingWindow, index: ReadonlyMap<string, number>, options: SequenceReadOptions & { signal?: AbortSignal } = {}): Promise<{ packed: PackedSequences; stats: ReadStats }> {
  const reader = new BatchReader(db, window, index, options.chunkRows ?? TRAINING_READ_CHUNK_ROWS, options.onBatch);
  while (reader.next()) {
    await nextTurn();
    if (options.signal?.aborted === true) throw new Error('training read cancelled');
  }
  return { packed: reader.result(), stats: reader.stats };
}

/** Views of a packed read as one Int32Array per shopper (no copy). */
export function unpackSequences(p: PackedSequences): { sequences: Int32Array[]; tokenEvents: TokenEvents[] } {
  const n = p.offsets.length - 1;
  const sequences = new Array<Int32Array>(n);
  const tokenEvents = new Array<TokenEvents>(n);
  for (let k = 0; k < n; k += 1) {
    const a = p.offsets[k]!;
    const b = p.offsets[k + 1]!;
    sequences[k] = p.items.subarray(a, b);
    tokenEvents[k] = { types: p.types.subarray(a, b), gaps: p.gaps.subarray(a, b) };
  }
  return { sequences, tokenEvents };
}
