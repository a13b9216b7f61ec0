/**
 * A missing or corrupt model file must fail load with a ModelFileError that names the file,
 * before ONNX Runtime is involved. Uses a temporary copy of the small tokenizer files and a
 * stand-in "model" so no 90 MB copy is needed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelFileError, ModelManifestError } from '../../../../src/main/engine/inference/errors';
import { SentenceEncoder } from '../../../../src/main/engine/inference/sentence-encoder';
import type { SessionFactory } from '../../../../src/main/engine/inference/encoder-session';
import { fakeModelDir } from '../../../helpers/fake-model-dir';

const realDir = join(__dirname, '../../../../models/text-encoder');
const quiet = { info: () => undefined, warn: () => undefined };
const neverCalled: SessionFactory = async () => {
  throw new Error('session factory must not be reached when files fail verification');
};

describe('model file verification', () => {
  let fake: ReturnType<typeof fakeModelDir>;
  let dir: string;

  beforeEach(() => {
    fake = fakeModelDir();
    dir = fake.dir;
  });
  afterEach(() => fake.cleanup());

  const load = (variant: 'fp32' | 'int8' = 'int8') =>
    SentenceEncoder.load({ modelDir: dir, variant, providers: ['cpu'], sessionFactory: neverCalled, log: quiet });

  it('names a missing model file', async () => {
    rmSync(join(dir, 'encoder-int8.onnx'));
    const err = await load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).problem).toBe('missing');
    expect((err as ModelFileError).file).toBe(join(dir, 'encoder-int8.onnx'));
    expect((err as Error).message).toContain('encoder-int8.onnx');
  });

  it('names a corrupt file of the right size (sha256 mismatch)', async () => {
    const flipped = readFileSync(fake.modelFile);
    flipped[0] = flipped[0]! ^ 0xff;
    writeFileSync(fake.modelFile, flipped);
    const err = await load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).problem).toBe('corrupt');
    expect((err as Error).message).toMatch(/encoder-int8\.onnx.*sha256/);
  });

  it('names a truncated tokenizer file', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), '{"truncated":');
    const err = await load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).file).toBe(join(dir, 'tokenizer.json'));
  });

  it('refuses a variant file the manifest does not list', async () => {
    const err = await load('fp32').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFileError);
    expect((err as ModelFileError).problem).toBe('not-in-manifest');
  });

  it('reports a missing or malformed manifest', async () => {
    writeFileSync(join(dir, 'manifest.json'), '{}');
    await expect(load()).rejects.toBeInstanceOf(ModelManifestError);
    rmSync(join(dir, 'manifest.json'));
    await expect(load()).rejects.toBeInstanceOf(ModelManifestError);
  });

  it('accepts the shipped model folder as exported', async () => {
    const { loadManifest } = await import('../../../../src/main/engine/inference/model-manifest');
    const { verifyModelFiles } = await import('../../../../src/main/engine/inference/model-files');
    const manifest = await loadManifest(realDir);
    const small = manifest.files.filter((f) => !f.name.endsWith('.onnx')).map((f) => f.name);
    await expect(verifyModelFiles(realDir, manifest, small)).resolves.toBeInstanceOf(Map);
  });
});
