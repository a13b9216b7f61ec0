/**
 * Where a VectorIndex lives on disk and how its files are checked: `<dir>/<model>.ann` (the
 * HNSW graph, when there is one), `<model>.vec` (raw Float32 rows) and `<model>.ids.json` (the
 * manifest: model version, dimensions, the row -> item id map and each file's size and sha256).
 * Files are written to temporaries and renamed, the manifest last, so a crash mid-save leaves a
 * manifest that does not match and the next start rebuilds instead of serving a torn index.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const INDEX_FORMAT = 1;

export class IndexFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`vector index ${file}: ${reason}`);
    this.name = 'IndexFileError';
  }
}

const FileCheck = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type FileCheck = z.infer<typeof FileCheck>;

export const IndexManifest = z.object({
  format: z.literal(INDEX_FORMAT),
  modelVersion: z.string().min(1),
  dims: z.number().int().positive(),
  itemIds: z.array(z.string()),
  vec: FileCheck,
  ann: FileCheck.nullable(),
  params: z.object({ m: z.number().int(), efConstruction: z.number().int(), efSearch: z.number().int(), randomSeed: z.number().int() }),
  /** The newest item-vector timestamp the index holds; rows written since are re-applied on load. */
  watermark: z.number(),
  savedAt: z.number(),
});
export type IndexManifest = z.infer<typeof IndexManifest>;

export interface IndexPaths {
  manifest: string;
  vec: string;
  ann: string;
}

/** File names safe on every platform: a model version like `all-MiniLM-L6-v2@64ce:int8` keeps its letters. */
export function indexPaths(dir: string, modelVersion: string): IndexPaths {
  const base = modelVersion.replace(/[^A-Za-z0-9._-]/g, '_');
  return { manifest: join(dir, `${base}.ids.json`), vec: join(dir, `${base}.vec`), ann: join(dir, `${base}.ann`) };
}

export function checkOf(file: string): FileCheck {
  const bytes = readFileSync(file);
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Throws an IndexFileError unless `file` has exactly the recorded size and digest. */
export function verifyFile(file: string, expected: FileCheck): Buffer {
  if (!existsSync(file)) throw new IndexFileError(file, 'missing');
  const size = statSync(file).size;
  if (size !== expected.bytes) throw new IndexFileError(file, `size ${size} bytes, manifest says ${expected.bytes}`);
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== expected.sha256) throw new IndexFileError(file, 'checksum does not match the manifest (corrupt or from another save)');
  return bytes;
}

export function readManifest(paths: IndexPaths, modelVersion: string, dims: number): IndexManifest {
  if (!existsSync(paths.manifest)) throw new IndexFileError(paths.manifest, 'missing');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(paths.manifest, 'utf8'));
  } catch (err) {
    throw new IndexFileError(paths.manifest, `not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = IndexManifest.safeParse(json);
  if (!parsed.success) throw new IndexFileError(paths.manifest, `not an index manifest of format ${INDEX_FORMAT}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const m = parsed.data;
  if (m.modelVersion !== modelVersion) throw new IndexFileError(paths.manifest, `built for model ${m.modelVersion}, the store serves ${modelVersion}`);
  if (m.dims !== dims) throw new IndexFileError(paths.manifest, `${m.dims} dimensions, the model has ${dims}`);
  return m;
}

/** Writes `write(tmp)` then renames over `file`, so readers never see half a file. */
export function writeAtomically(file: string, write: (tmp: string) => void): void {
  const tmp = `${file}.tmp`;
  write(tmp);
  renameSync(tmp, file);
}

export function writeManifest(paths: IndexPaths, manifest: IndexManifest, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeAtomically(paths.manifest, (tmp) => writeFileSync(tmp, JSON.stringify(manifest)));
}

export function float32FromBuffer(bytes: Buffer): Float32Array {
  // Copy: a Buffer's offset in Node's pool need not be 4-byte aligned.
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
