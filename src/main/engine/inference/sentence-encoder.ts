/**
 * The pretrained text encoder: text -> 384-d unit vector (all-MiniLM-L6-v2 via ONNX).
 * Plain Node (no electron) so the engine, CLI, tests and benchmarks share it. Loading
 * verifies every file it uses against manifest.json before ONNX Runtime sees it.
 */
import { DEFAULT_BATCHING, padBatch, planBatches, type BatchingOptions } from './batching';
import {
  consoleLog,
  DEFAULT_TUNING,
  type EncoderSession,
  type InferenceLog,
  type SessionFactory,
  type SessionTuning,
} from './encoder-session';
import type { ExecutionProviderName } from './execution-providers';
import { verifyModelFiles } from './model-files';
import { loadManifest, type TextEncoderManifest } from './model-manifest';
import { textEncoderDir } from './model-paths';
import { createOrtSession } from './ort-session';
import { meanPoolNormalize } from './pooling';
import type { SessionProviderRecord } from './provider-records';
import { planProviders, type ProviderPlan } from './provider-resolver';
import { createSessionWithFallback } from './session-fallback';
import { WordPieceTokenizer } from './wordpiece-tokenizer';

export type EncoderVariant = 'fp32' | 'int8';

export interface SentenceEncoderOptions {
  modelDir?: string;
  /** int8 is the default: ~3x faster on CPU at mean cosine >= 0.99 to fp32 (MODEL_CARD.md). */
  variant?: EncoderVariant;
  /** Providers to try in order, or a resolver plan; default planProviders() (setting, INSTINCT_EXECUTION_PROVIDER, table). */
  providers?: readonly ExecutionProviderName[] | ProviderPlan;
  tuning?: Partial<SessionTuning>;
  batching?: Partial<BatchingOptions>;
  sessionFactory?: SessionFactory;
  log?: InferenceLog;
  /** Name of the session in the provider records (default 'text-encoder'). */
  sessionName?: string;
}

export class SentenceEncoder {
  private constructor(
    private readonly session: EncoderSession,
    private readonly tokenizer: WordPieceTokenizer,
    readonly manifest: TextEncoderManifest,
    readonly variant: EncoderVariant,
    /** The resolver's record: the provider the session actually runs on, why, and its warm-up. */
    readonly providerRecord: SessionProviderRecord,
    private readonly batching: BatchingOptions,
  ) {}

  static async load(opts: SentenceEncoderOptions = {}): Promise<SentenceEncoder> {
    const dir = opts.modelDir ?? textEncoderDir();
    const variant = opts.variant ?? 'int8';
    const log = opts.log ?? consoleLog;
    const manifest = await loadManifest(dir);
    const modelFile = manifest.variants[variant];
    const paths = await verifyModelFiles(dir, manifest, [modelFile, 'tokenizer.json', 'tokenizer_config.json']);
    const tokenizer = await WordPieceTokenizer.fromFiles(
      { tokenizerJson: paths.get('tokenizer.json')!, tokenizerConfig: paths.get('tokenizer_config.json')! },
      manifest.maxSeqLength,
    );
    const { session, record } = await createSessionWithFallback(
      opts.sessionFactory ?? createOrtSession,
      paths.get(modelFile)!,
      opts.providers ?? planProviders(),
      { ...DEFAULT_TUNING, ...opts.tuning },
      log,
      opts.sessionName,
    );
    return new SentenceEncoder(session, tokenizer, manifest, variant, record, { ...DEFAULT_BATCHING, ...opts.batching });
  }

  /** The execution provider the session actually runs on (after any fallback). */
  get provider(): ExecutionProviderName {
    return this.providerRecord.provider;
  }

  /** Cache key for vectors: fp32 and int8 vectors differ slightly, so they never mix. */
  get modelVersion(): string {
    return `${this.manifest.modelVersion}:${this.variant}`;
  }

  get dimensions(): number {
    return this.manifest.dimensions;
  }

  tokenize(text: string): number[] {
    return this.tokenizer.encode(text);
  }

  /** Embeddings in input order; batched by length to limit padding. `signal` is checked between batches. */
  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const ids = texts.map((t) => this.tokenizer.encode(t));
    const out = new Array<Float32Array>(texts.length);
    for (const plan of planBatches(ids, this.batching)) {
      signal?.throwIfAborted();
      const vectors = meanPoolNormalize(plan.batch, await this.session.run(plan.batch));
      plan.indices.forEach((pos, row) => (out[pos] = vectors[row]!));
    }
    return out;
  }

  /** One search query: a single unpadded row, the latency path. */
  async embedQuery(text: string): Promise<Float32Array> {
    const batch = padBatch([this.tokenizer.encode(text)]);
    return meanPoolNormalize(batch, await this.session.run(batch))[0]!;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
