import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEncoderPool, startQueryEncoder, textEncoderDir, type BulkEncoder, type EncoderVariant, type QueryEncoder } from '../inference';

/** A pool's worker threads each hold a model session (~50-100 MB): close one a minute after its last job. */
const POOL_IDLE_MS = 60_000;

interface PoolEntry {
  pool: Promise<BulkEncoder>;
  started: BulkEncoder | undefined;
  users: number;
  idle: NodeJS.Timeout | undefined;
}

/**
 * The loaded text encoder, one per variant, loaded on first use: worker threads of its own for
 * search queries (query-encoder.ts), and a worker pool for catalogue jobs, so neither blocks the
 * event loop (with `encoderWorkers` 0, both run in-process). A
 * missing or corrupt model file leaves the engine running (ingest, import, lexical search) and
 * says why in engine.info.
 */
export class TextModel {
  private readonly loading = new Map<EncoderVariant, Promise<QueryEncoder>>();
  private readonly pools = new Map<EncoderVariant, PoolEntry>();
  private loaded: QueryEncoder | undefined;
  lastError: string | null = null;

  /** `encoderWorkers`: the pool's threads (default: INSTINCT_ENCODER_WORKERS, else one per core up to 4; 0 = in-process). */
  constructor(
    private readonly modelDir?: string,
    private readonly encoderWorkers?: number,
  ) {}

  /** The query encoder of a variant (started once). */
  load(variant: EncoderVariant = 'int8'): Promise<QueryEncoder> {
    let p = this.loading.get(variant);
    if (!p) {
      p = startQueryEncoder({ variant, ...(this.encoderWorkers === 0 ? { workers: 0 } : {}), ...(this.modelDir ? { modelDir: this.modelDir } : {}) }).then(
        (encoder) => {
          if (variant === 'int8' || !this.loaded) this.loaded = encoder;
          this.lastError = null;
          return encoder;
        },
        (err: unknown) => {
          this.loading.delete(variant);
          this.lastError = err instanceof Error ? err.message : String(err);
          throw err;
        },
      );
      this.loading.set(variant, p);
    }
    return p;
  }

  /** Runs `work` on the variant's worker pool, started on first use (again if its workers died). */
  async withPool<T>(variant: EncoderVariant, work: (encoder: BulkEncoder) => Promise<T>): Promise<T> {
    const entry = this.poolEntry(variant);
    entry.users++;
    clearTimeout(entry.idle);
    try {
      return await work(await entry.pool);
    } finally {
      entry.users--;
      if (entry.users === 0 && this.pools.get(variant) === entry) {
        entry.idle = setTimeout(() => void this.closePool(variant, entry), POOL_IDLE_MS).unref();
      }
    }
  }

  private poolEntry(variant: EncoderVariant): PoolEntry {
    const current = this.pools.get(variant);
    if (current && (current.started === undefined || current.started.usable)) return current;
    if (current) void this.closePool(variant, current);
    const pool = startEncoderPool({
      variant,
      ...(this.modelDir ? { modelDir: this.modelDir } : {}),
      ...(this.encoderWorkers !== undefined ? { workers: this.encoderWorkers } : {}),
    });
    const entry: PoolEntry = { pool, started: undefined, users: 0, idle: undefined };
    pool.then(
      (started) => {
        entry.started = started;
        this.lastError = null;
      },
      (err: unknown) => {
        // Not kept: the next job tries again (the model folder may have been fixed meanwhile).
        if (this.pools.get(variant) === entry) this.pools.delete(variant);
        this.lastError = err instanceof Error ? err.message : String(err);
      },
    );
    this.pools.set(variant, entry);
    return entry;
  }

  private async closePool(variant: EncoderVariant, entry: PoolEntry): Promise<void> {
    if (this.pools.get(variant) === entry) this.pools.delete(variant);
    clearTimeout(entry.idle);
    const pool = await entry.pool.catch(() => undefined);
    await pool?.dispose();
  }

  /**
   * The serving model version and size, read from the manifest without loading the model, so the
   * vector index can open before the encoder is up. Null when there is no readable manifest.
   */
  servingVersion(variant: EncoderVariant = 'int8'): { modelVersion: string; dims: number } | null {
    try {
      const manifest = JSON.parse(readFileSync(join(this.modelDir ?? textEncoderDir(), 'manifest.json'), 'utf8')) as { modelVersion?: unknown; dimensions?: unknown };
      if (typeof manifest.modelVersion !== 'string' || typeof manifest.dimensions !== 'number') return null;
      return { modelVersion: `${manifest.modelVersion}:${variant}`, dims: manifest.dimensions };
    } catch {
      return null;
    }
  }

  /** The encoder that serves queries, if one is loaded. */
  get current(): QueryEncoder | undefined {
    return this.loaded;
  }

  /** What engine.info shows: the query encoder, else a started pool (a job ran before start()). */
  get inUse(): { modelVersion: string; provider: string; dimensions: number } | undefined {
    const pool = [...this.pools.values()].find((p) => p.started?.usable)?.started;
    const encoder = this.loaded ?? pool;
    return encoder && { modelVersion: encoder.modelVersion, provider: encoder.provider, dimensions: encoder.dimensions };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.pools].map(([variant, entry]) => this.closePool(variant, entry)));
    const all = await Promise.allSettled([...this.loading.values()]);
    for (const r of all) if (r.status === 'fulfilled') await r.value.dispose();
  }
}
