import type { Database, Statement } from 'better-sqlite3';

export interface ItemVectorRow {
  itemId: string;
  modelVersion: string;
  contentHash: string;
  vector: Float32Array;
}

/** Cached item vectors keyed by model version (text encoder, image encoder, imported vectors). */
export class ItemVectorRepository {
  private readonly getHash: Statement<[string, string], { content_hash: string }>;
  private readonly upsert: Statement;

  constructor(private readonly db: Database) {
    this.getHash = db.prepare('SELECT content_hash FROM item_vectors WHERE item_id = ? AND model_version = ?');
    this.upsert = db.prepare(`INSERT INTO item_vectors (item_id, model_version, channel, content_hash, dims, vector, updated_at)
      VALUES (@itemId, @modelVersion, @channel, @contentHash, @dims, @vector, @updatedAt)
      ON CONFLICT (model_version, item_id) DO UPDATE SET content_hash = excluded.content_hash, dims = excluded.dims,
        vector = excluded.vector, updated_at = excluded.updated_at, channel = excluded.channel`);
  }

  get(itemId: string, modelVersion: string): { contentHash: string } | undefined {
    const row = this.getHash.get(itemId, modelVersion);
    return row ? { contentHash: row.content_hash } : undefined;
  }

  put(rows: readonly ItemVectorRow[], channel = 'text'): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const r of rows) {
        this.upsert.run({
          itemId: r.itemId,
          modelVersion: r.modelVersion,
          channel,
          contentHash: r.contentHash,
          dims: r.vector.length,
          vector: Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength),
          updatedAt: now,
        });
      }
    })();
  }

  /** Every vector of a model version, in item id order. */
  *all(modelVersion: string): Generator<{ itemId: string; vector: Float32Array }> {
    const rows = this.db.prepare('SELECT item_id, vector FROM item_vectors WHERE model_version = ? ORDER BY item_id').iterate(modelVersion) as IterableIterator<{
      item_id: string;
      vector: Buffer;
    }>;
    for (const row of rows) {
      // Copy out of SQLite's buffer so the Float32Array is aligned and owns its memory.
      const copy = new Float32Array(row.vector.byteLength / 4);
      new Uint8Array(copy.buffer).set(row.vector);
      yield { itemId: row.item_id, vector: copy };
    }
  }

  /** Up to `limit` vectors of a model version after `afterItemId`, in item id order (a page of `all`, for reads that yield between pages). */
  page(modelVersion: string, afterItemId: string, limit: number): { itemId: string; vector: Float32Array }[] {
    const rows = this.db.prepare('SELECT item_id, vector FROM item_vectors WHERE model_version = ? AND item_id > ? ORDER BY item_id LIMIT ?').all(modelVersion, afterItemId, limit) as { item_id: string; vector: Buffer }[];
    return rows.map((row) => {
      const copy = new Float32Array(row.vector.byteLength / 4);
      new Uint8Array(copy.buffer).set(row.vector);
      return { itemId: row.item_id, vector: copy };
    });
  }

  count(modelVersion: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM item_vectors WHERE model_version = ?').get(modelVersion) as { n: number }).n;
  }
}
