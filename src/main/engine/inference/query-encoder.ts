/**
 * The text encoder that embeds search queries, on its own worker thread. onnxruntime-node runs
 * `InferenceSession.run` synchronously on the calling thread: embedded on the engine's thread, each
 * new query held it for 1.4 ms (p50, quiet) to over 10 ms (with the serving workers busy), and every
 * request that arrived meanwhile waited. A one-thread encoder pool at the serving threads' priority
 * keeps that off the engine's thread; a pool whose worker died is started again on the next query.
 * With `workers: 0` (and where no worker can start) the encoder runs in-process, as before.
 */
import { startEncoderPool, type BulkEncoder, type EncoderPoolOptions } from './encoder-pool';
import type { ExecutionProviderName } from './execution-providers';
import { SentenceEncoder } from './sentence-encoder';

export interface QueryEncoder {
  readonly modelVersion: string;
  readonly provider: ExecutionProviderName;
  readonly dimensions: number;
  /** Threads it embeds on besides the caller's: 1 on its worker, 0 in-process. */
  readonly workers: number;
  embedQuery(text: string): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export type QueryEncoderOptions = Omit<EncoderPoolOptions, 'workers' | 'serving' | 'batching'> & {
  /** 0 embeds on the calling thread; anything else, on one worker thread. */
  workers?: number;
};

export async function startQueryEncoder(opts: QueryEncoderOptions = {}): Promise<QueryEncoder> {
  const { workers, ...rest } = opts;
  if (workers === 0) return inProcess(await SentenceEncoder.load({ ...rest, sessionName: 'text-encoder-queries' }));
  const start = (): Promise<BulkEncoder> => startEncoderPool({ ...rest, workers: 1, serving: true });
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
