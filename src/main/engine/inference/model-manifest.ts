/**
 * manifest.json of a model folder: which files make up the model, their sha256 and sizes,
 * and how its output becomes an embedding. Written by tools/export_text_encoder.py.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ModelManifestError } from './errors';

export const MANIFEST_FILE = 'manifest.json';

const ModelFileEntry = z.object({
  name: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
});

export const TextEncoderManifest = z.object({
  name: z.string().min(1),
  modelVersion: z.string().min(1),
  dimensions: z.number().int().positive(),
  maxSeqLength: z.number().int().min(2),
  inputs: z.array(z.string()).min(1),
  output: z.string().min(1),
  pooling: z.literal('mean'),
  normalize: z.boolean(),
  variants: z.object({ fp32: z.string().min(1), int8: z.string().min(1) }),
  files: z.array(ModelFileEntry).min(1),
});
export type TextEncoderManifest = z.infer<typeof TextEncoderManifest>;
export type ModelFileEntry = z.infer<typeof ModelFileEntry>;

export async function loadManifest(modelDir: string): Promise<TextEncoderManifest> {
  const path = join(modelDir, MANIFEST_FILE);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    throw new ModelManifestError(path, err instanceof Error ? err.message : String(err));
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ModelManifestError(path, `not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = TextEncoderManifest.safeParse(json);
  if (!parsed.success) throw new ModelManifestError(path, parsed.error.message);
  return parsed.data;
}
