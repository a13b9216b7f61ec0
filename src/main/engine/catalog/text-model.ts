import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SentenceEncoder, textEncoderDir, type EncoderVariant } from '../inference';

/**
 * The loaded text encoder, one per variant, loaded on first use. A missing or corrupt model file
 * leaves the engine running (ingest, import, lexical search) and says why in engine.info.
 */
export class TextModel {
  private readonly loading = new Map<EncoderVariant, Promise<SentenceEncoder>>();
  private loaded: SentenceEncoder | undefined;
  lastError: string | null = null;

  constructor(private readonly modelDir?: string) {}

  load(variant: EncoderVariant = 'int8'): Promise<SentenceEncoder> {
    let p = this.loading.get(variant);
    if (!p) {
      p = SentenceEncoder.load({ variant, ...(this.modelDir ? { modelDir: this.modelDir } : {}) }).then(
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
  get current(): SentenceEncoder | undefined {
    return this.loaded;
  }

  async dispose(): Promise<void> {
    const all = await Promise.allSettled([...this.loading.values()]);
    for (const r of all) if (r.status === 'fulfilled') await r.value.dispose();
  }
}
