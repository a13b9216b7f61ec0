/**
 * The text encoder that embeds search queries, on worker threads of its own. onnxruntime-node runs
 * `InferenceSession.run` synchronously on the calling thread: embedded on the engine's thread, each
 * new query held it for 1.4 ms (p50, quiet) to over 10 ms (with the serving workers busy), and every
 * request that arrived meanwhile waited. An encoder pool at the serving threads' priority keeps that
 * off the engine's thread; a pool whose workers died is started again on the next query. With
 * `workers: 0` (and where no worker can start) the encoder runs in-process, as before.
 *
 * Two workers where there are two cores, one intra-op thread each: a misspelt search embeds two
 * texts at once (the query as typed, for the shopper's state, and its correction), and a query of a
 * few tokens embeds faster on one thread than on two (docs/TEXT_ENCODER.md, "Search queries").
 */
import { availableParallelism } from 'node:os';
import { startEncoderPool, type BulkEncoder, type EncoderPoolOptions } from './encoder-pool';
import type { ExecutionProviderName } from './execution-providers';
import { SentenceEncoder } from './sentence-encoder';

export interface QueryEncoder {
  readonly modelVersion: string;
  readonly provider: ExecutionProviderName;
  readonly dimensions: number;
  /** Threads it embeds on besides the caller's: its workers, 0 in-process. */
  readonly workers: number;
  embedQuery(text: string): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export type QueryEncoderOptions = Omit<EncoderPoolOptions, 'workers' | 'serving' | 'batching'> & {
  /** 0 embeds on the calling thread; otherwise on this many worker threads (default `defaultQueryWorkers()`). */
  workers?: number;
};

/** Query workers by default: two, or one on a one-core machine. */
export function defaultQueryWorkers(): number {
  return Math.min(2, availableParallelism());
}

export async function startQueryEncoder(opts: QueryEncoderOptions = {}): Promise<QueryEncoder> {
  const { workers = defaultQueryWorkers(), ...rest } = opts;
  if (workers === 0) return inProcess(await SentenceEncoder.load({ ...rest, sessionName: 'text-encoder-queries' }));
  const start = (): Promise<BulkEncoder> => startEncoderPool({ ...rest, tuning: { intraOpThreads: 1, ...rest.tuning }, workers: Math.max(1, Math.round(workers)), serving: true });
  return new PooledQueryEncoder(await start(), start);
}

function inProcess(encoder: SentenceEncoder): QueryEncoder {
  return {
    modelVersion: encoder.modelVersion,
    provider: encoder.provider,
    dimensions: encoder.dimensions,
    workers: 0,
    embedQuery: (text) => encoder.embedQuery(text),
    dispose: () => encoder.dispose(),
  };
}

class PooledQueryEncoder implements QueryEncoder {
  private restarting: Promise<BulkEncoder> | undefined;
  private disposed = false;

  constructor(
    private pool: BulkEncoder,
    private readonly start: () => Promise<BulkEncoder>,
  ) {}

  get modelVersion(): string {
    return this.pool.modelVersion;
  }

  get provider(): ExecutionProviderName {
    return this.pool.provider;
  }

  get dimensions(): number {
    return this.pool.dimensions;
  }

  get workers(): number {
    return this.pool.workers;
  }

  /** One query, one unpadded row: the same vector the in-process encoder's embedQuery gives. */
  async embedQuery(text: string): Promise<Float32Array> {
    if (this.disposed) throw new Error('the query encoder is disposed');
    const pool = this.pool.usable ? this.pool : await this.restart();
    const [vector] = await pool.embed([text]);
    return vector!;
  }

  /** A new pool for a dead one; queries asked meanwhile wait for the same start. */
  private restart(): Promise<BulkEncoder> {
    this.restarting ??= this.start().then(
      (pool) => {
        this.restarting = undefined;
        if (this.disposed) {
          void pool.dispose();
          throw new Error('the query encoder is disposed');
        }
        void this.pool.dispose();
        this.pool = pool;
        return pool;
      },
      (err: unknown) => {
        this.restarting = undefined;
        throw err;
      },
    );
    return this.restarting;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.restarting?.catch(() => undefined);
    await this.pool.dispose();
  }
}
