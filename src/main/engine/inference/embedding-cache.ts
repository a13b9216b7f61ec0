/**
 * Persistence seam for item vectors. The engine backs it with SQLite; the job only needs to
 * know whether an item's current text was already embedded by this model version.
 * Synchronous on purpose: better-sqlite3 is, and a lookup per item must stay cheap.
 */

export interface EmbeddingRow {
  itemId: string;
  modelVersion: string;
  contentHash: string;
  vector: Float32Array;
}

export interface EmbeddingCache {
  get(itemId: string, modelVersion: string): { contentHash: string } | undefined;
  /** Upsert by (itemId, modelVersion); called once per embedded chunk. */
  put(rows: readonly EmbeddingRow[]): void;
}

/** For tests and for running without a database. */
export class InMemoryEmbeddingCache implements EmbeddingCache {
  readonly rows = new Map<string, EmbeddingRow>();

  get(itemId: string, modelVersion: string): { contentHash: string } | undefined {
    const row = this.rows.get(key(itemId, modelVersion));
    return row ? { contentHash: row.contentHash } : undefined;
  }

  put(rows: readonly EmbeddingRow[]): void {
    for (const row of rows) this.rows.set(key(row.itemId, row.modelVersion), row);
  }

  vector(itemId: string, modelVersion: string): Float32Array | undefined {
    return this.rows.get(key(itemId, modelVersion))?.vector;
  }
}

function key(itemId: string, modelVersion: string): string {
  return `${modelVersion}\u0000${itemId}`;
}
