import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TextTable } from '../model/item-vectors';

/** Encodes texts into unit vectors (the frozen sentence encoder, or a stub in tests). */
export interface TextEmbedder {
  readonly modelVersion: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

interface CacheHeader {
  modelVersion: string;
  dimensions: number;
  count: number;
  textsSha256: string;
}

export function defaultTextVectorDir(): string {
  return resolve(process.cwd(), '.cache', 'text-vectors');
}

function cachePaths(dir: string, dataset: string, modelVersion: string): { data: string; header: string } {
  const safe = `${dataset}-${modelVersion}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  return { data: join(dir, `${safe}.f32`), header: join(dir, `${safe}.json`) };
}

function textsDigest(texts: readonly string[]): string {
  const h = createHash('sha256');
  for (const t of texts) h.update(t).update('\u0000');
  return h.digest('hex');
}

/**
 * The catalogue's frozen text vectors, computed once per dataset and encoder version and kept in a
 * git-ignored cache (`.cache/text-vectors/<dataset>-<modelVersion>.f32` plus a JSON header). The
 * header holds a digest of the texts, so changed item texts recompute instead of loading stale rows.
 */
export async function loadOrComputeTextVectors(
  dataset: string,
  texts: readonly string[],
  embedder: () => Promise<TextEmbedder>,
  modelVersion: string,
  dir = defaultTextVectorDir(),
  onProgress?: (done: number, total: number) => void,
): Promise<{ table: TextTable; cached: boolean; seconds: number }> {
  const started = performance.now();
  const paths = cachePaths(dir, dataset, modelVersion);
  const digest = textsDigest(texts);
  if (existsSync(paths.data) && existsSync(paths.header)) {
    const header = JSON.parse(readFileSync(paths.header, 'utf8')) as CacheHeader;
    const raw = readFileSync(paths.data);
    if (header.textsSha256 === digest && header.count === texts.length && raw.length === header.count * header.dimensions * 4) {
      const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
      return { table: { vectors, dim: header.dimensions }, cached: true, seconds: (performance.now() - started) / 1000 };
    }
  }
  const encoder = await embedder();
  const dim = encoder.dimensions;
  const vectors = new Float32Array(texts.length * dim);
  const chunk = 256;
  for (let from = 0; from < texts.length; from += chunk) {
    const rows = await encoder.embed(texts.slice(from, from + chunk));
    rows.forEach((row, i) => vectors.set(row, (from + i) * dim));
    onProgress?.(Math.min(texts.length, from + chunk), texts.length);
  }
  mkdirSync(dirname(paths.data), { recursive: true });
  writeFileSync(paths.data, Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  const header: CacheHeader = { modelVersion: encoder.modelVersion, dimensions: dim, count: texts.length, textsSha256: digest };
  writeFileSync(paths.header, JSON.stringify(header));
  return { table: { vectors, dim }, cached: false, seconds: (performance.now() - started) / 1000 };
}
