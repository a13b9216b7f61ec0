import type { Database, Statement } from 'better-sqlite3';
import { l2Normalised, visualSimilarity } from './vector-math';
import type { VisualModelRegistry } from './visual-model-registry';

/** Vectors kept in memory at most; past this the cache starts over (a catalogue page is far smaller). */
const MAX_CACHED = 100_000;

/**
 * The visual channel for ranking: each item's unit vector under the active visual model version,
 * and a session's visual intent (the weighted mean of the visual vectors of the items it touched).
 * The ranking's `visual` score is `score(intent, itemId)`: cosine clipped to [0, 1].
 */
export class VisualVectors {
  private version: string | undefined | null = null;
  private readonly cache = new Map<string, Float32Array | undefined>();
  private readonly lookup: Statement<[string, string], { vector: Buffer }>;
  private readonly refreshed: (() => void)[] = [];

  constructor(
    db: Database,
    private readonly registry: VisualModelRegistry,
  ) {
    this.lookup = db.prepare("SELECT vector FROM item_vectors WHERE model_version = ? AND item_id = ? AND channel = 'visual'");
    registry.onActivate(() => this.refresh());
  }

  /** The version the channel serves, or undefined while no visual model is active. */
  activeVersion(): string | undefined {
    if (this.version === null) this.version = this.registry.active()?.version;
    return this.version;
  }

  /** Forget the cached version and vectors (after an activation or a re-import). */
  refresh(): void {
    this.version = null;
    this.cache.clear();
    for (const listener of this.refreshed) listener();
  }

  /** Hears of every refresh (serving replicas refresh theirs). */
  onRefresh(listener: () => void): void {
    this.refreshed.push(listener);
  }

  /** The item's unit visual vector under the active version; undefined when it has none. */
  vectorOf(itemId: string): Float32Array | undefined {
    const version = this.activeVersion();
    if (version === undefined) return undefined;
    if (this.cache.has(itemId)) return this.cache.get(itemId);
    const row = this.lookup.get(version, itemId);
    let vector: Float32Array | undefined;
    if (row) {
      // Copy out of SQLite's buffer so the Float32Array is aligned and owns its memory.
      vector = new Float32Array(row.vector.byteLength / 4);
      new Uint8Array(vector.buffer).set(row.vector);
    }
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(itemId, vector);
    return vector;
  }

  /**
   * The session's visual intent: the weighted mean of its items' visual vectors, normalised.
   * `weights` (default 1 each) pair with `itemIds`; items without a vector, and non-positive or
   * non-finite weights, are left out. Null when nothing is left (the channel then scores 0).
   */
  sessionVisualIntent(itemIds: readonly string[], weights?: readonly number[]): Float32Array | null {
    if (weights && weights.length !== itemIds.length) throw new RangeError(`${itemIds.length} item ids but ${weights.length} weights`);
    let sum: Float64Array | undefined;
    for (let i = 0; i < itemIds.length; i++) {
      const w = weights ? weights[i]! : 1;
      if (!(w > 0) || !Number.isFinite(w)) continue;
      const v = this.vectorOf(itemIds[i]!);
      if (!v) continue;
      sum ??= new Float64Array(v.length);
      if (v.length !== sum.length) continue;
      for (let d = 0; d < v.length; d++) sum[d]! += w * v[d]!;
    }
    return sum ? l2Normalised(sum) : null;
  }

  /** The ranking's visual channel for one item: cosine to the intent clipped to [0, 1]; 0 without either vector. */
  score(intent: Float32Array | null, itemId: string): number {
    if (!intent) return 0;
    const v = this.vectorOf(itemId);
    return v ? visualSimilarity(intent, v) : 0;
  }
}
