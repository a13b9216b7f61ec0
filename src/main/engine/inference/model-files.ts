/**
 * Load-time verification of model files against manifest.json. A truncated download or a
 * hand-edited file would otherwise surface as an obscure ONNX parse error or, worse, as
 * silently different embeddings poisoning the cache.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelFileError } from './errors';
import type { TextEncoderManifest } from './model-manifest';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Verifies the named files (all manifest files when `names` is omitted); returns their paths. */
export async function verifyModelFiles(
  modelDir: string,
  manifest: TextEncoderManifest,
  names?: readonly string[],
): Promise<Map<string, string>> {
  const wanted = names ?? manifest.files.map((f) => f.name);
  const paths = new Map<string, string>();
  for (const name of wanted) {
    const entry = manifest.files.find((f) => f.name === name);
    if (!entry) throw new ModelFileError(name, 'not-in-manifest', 'the manifest does not list it');
    const path = join(modelDir, name);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      throw new ModelFileError(path, 'missing', 'no such file; re-run tools/export_text_encoder.py or restore it');
    }
    // Size first: a cheap, clear message for the common truncated-file case.
    if (size !== entry.bytes) {
      throw new ModelFileError(path, 'corrupt', `size ${size} bytes, manifest says ${entry.bytes}`);
    }
    let digest: string;
    try {
      digest = await sha256File(path);
    } catch (err) {
      throw new ModelFileError(path, 'unreadable', err instanceof Error ? err.message : String(err));
    }
    if (digest !== entry.sha256) {
      throw new ModelFileError(path, 'corrupt', `sha256 ${digest}, manifest says ${entry.sha256}`);
    }
    paths.set(name, path);
  }
  return paths;
}
