/**
 * Where the vector index gets its vectors: the item_vectors table (migration 002) of one model
 * version. The store is the source of truth; the index is a cache that is saved beside it.
 */
import type { Database, Statement } from 'better-sqlite3';

export interface ItemVectorRecord {
  itemId: string;
  vector: Float32Array;
}

export interface ItemVectorSource {
  readonly modelVersion: string;
  readonly dims: number;
  /** Every vector, for a rebuild. */
  all(): Iterable<ItemVectorRecord>;
  /** Vectors written at or after `since` (epoch ms): what a loaded index may be missing. */
  changedSince(since: number): Iterable<ItemVectorRecord>;
  /** The newest write time (epoch ms), 0 when there are none. */
  watermark(): number;
  count(): number;
}

interface VectorRow {
  item_id: string;
  vector: Buffer;
}

function toRecord(row: VectorRow): ItemVectorRecord {
  // Copy out of SQLite's buffer so the Float32Array is aligned and owns its memory.
  const vector = new Float32Array(row.vector.byteLength / 4);
  new Uint8Array(vector.buffer).set(row.vector);
  return { itemId: row.item_id, vector };
}

export class StoreVectorSource implements ItemVectorSource {
  private readonly allRows: Statement<[string], VectorRow>;
  private readonly sinceRows: Statement<[string, number], VectorRow>;
  private readonly newest: Statement<[string], { ts: number | null }>;
  private readonly total: Statement<[string], { n: number }>;

  constructor(
    db: Database,
    readonly modelVersion: string,
    readonly dims: number,
  ) {
    this.allRows = db.prepare("SELECT item_id, vector FROM item_vectors WHERE model_version = ? AND channel = 'text' ORDER BY item_id");
    this.sinceRows = db.prepare("SELECT item_id, vector FROM item_vectors WHERE model_version = ? AND updated_at >= ? AND channel = 'text'");
    this.newest = db.prepare('SELECT max(updated_at) AS ts FROM item_vectors WHERE model_version = ?');
    this.total = db.prepare("SELECT count(*) AS n FROM item_vectors WHERE model_version = ? AND channel = 'text'");
  }

  *all(): Generator<ItemVectorRecord> {
    for (const row of this.allRows.iterate(this.modelVersion)) yield toRecord(row);
  }

  *changedSince(since: number): Generator<ItemVectorRecord> {
    for (const row of this.sinceRows.iterate(this.modelVersion, since)) yield toRecord(row);
  }

  watermark(): number {
    return this.newest.get(this.modelVersion)?.ts ?? 0;
  }

  count(): number {
    return this.total.get(this.modelVersion)?.n ?? 0;
  }
}
