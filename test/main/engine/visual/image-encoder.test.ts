import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelFileError } from '../../../../src/main/engine/inference/errors';
import { createOrtImageSession, embedImages, ImageEncoder, ImageModelShapeError, registerImageEncoder, type ImageSessionFactory } from '../../../../src/main/engine/visual';
import { resolveImageInput } from '../../../../src/main/engine/visual/image-model-inspection';
import { referenceEmbedding, TINY_DIMS, tinyImageModel } from './tiny-image-model';
import { norm, visualStore, type VisualStore } from './visual-fixtures';

let store: VisualStore;
beforeEach(() => {
  store = visualStore();
});
afterEach(() => store.cleanup());

const quiet = { info: () => undefined, warn: () => undefined };
const image = (seed: number): Float32Array => Float32Array.from({ length: 48 }, (_, i) => Math.sin(seed * 7.1 + i * 0.37) * (1 + seed));

describe('image encoders', () => {
  it('registers a model after loading it and running a dummy image, recording its signature', async () => {
    const path = store.write('tiny.onnx', tinyImageModel());
    const model = await store.visual.registerEncoder({ name: 'tiny', path, activate: true });
    expect(model).toMatchObject({
      kind: 'image-encoder',
      name: 'tiny',
      status: 'active',
      dims: TINY_DIMS,
      outputName: 'embedding',
      input: { name: 'image', shape: ['N', 3, 4, 4], type: 'float32', imageShape: [3, 4, 4], fixedBatch: null },
    });
    expect(model.version).toBe(`visual:tiny@${model.sha256!.slice(0, 12)}`);
    expect(store.visual.models().map((m) => m.version)).toEqual([model.version]);
    // Registering the same file again is idempotent.
    expect((await store.visual.registerEncoder({ name: 'tiny', path })).createdAt).toBe(model.createdAt);
  });

  it('embeds preprocessed images in batches, matching the same maths in TypeScript within 1e-5', async () => {
    const path = store.write('tiny.onnx', tinyImageModel());
    const model = await store.visual.registerEncoder({ name: 'tiny', path });
    const encoder = await ImageEncoder.load(model, { providers: ['cpu'], batchSize: 3, log: quiet });
    try {
      const images = Array.from({ length: 7 }, (_, i) => image(i));
      const vectors = await embedImages(encoder, images);
      expect(vectors).toHaveLength(7);
      vectors.forEach((v, i) => {
        const ref = referenceEmbedding(images[i]!);
        const n = norm(ref);
        expect(norm(v)).toBeCloseTo(1, 5);
        for (let d = 0; d < TINY_DIMS; d++) expect(Math.abs(v[d]! - ref[d]! / n)).toBeLessThan(1e-5);
      });
      await expect(encoder.embedImages([new Float32Array(47)])).rejects.toThrow(/image 0 has 47 floats/);
    } finally {
      await encoder.dispose();
    }
  });

  it('drives a model with a fixed batch of 1 one image at a time', async () => {
    const path = store.write('tiny-b1.onnx', tinyImageModel(1));
    const model = await store.visual.registerEncoder({ name: 'tiny-b1', path });
    expect(model.input?.fixedBatch).toBe(1);
    const encoder = await ImageEncoder.load(model, { providers: ['cpu'], log: quiet });
    try {
      const [a, b] = await encoder.embedImages([image(1), image(2)]);
      const ref = referenceEmbedding(image(2));
      expect(Math.abs(b![0]! - ref[0]! / norm(ref))).toBeLessThan(1e-5);
      expect(norm(a!)).toBeCloseTo(1, 5);
    } finally {
      await encoder.dispose();
    }
  });

  it('falls back to the CPU when a GPU provider fails, and says which one it uses', async () => {
    const model = await store.visual.registerEncoder({ name: 'tiny', path: store.write('tiny.onnx', tinyImageModel()) });
    const warnings: string[] = [];
    const factory: ImageSessionFactory = (path, provider) => (provider === 'cuda' ? Promise.reject(new Error('libcudart.so not found')) : createOrtImageSession(path, provider));
    const encoder = await ImageEncoder.load(model, { providers: ['cuda'], factory, log: { info: () => undefined, warn: (m) => warnings.push(m) } });
    try {
      expect(encoder.provider).toBe('cpu');
      expect(warnings).toEqual([expect.stringContaining('"cpu" instead of "cuda" (cuda: libcudart.so not found)')]);
    } finally {
      await encoder.dispose();
    }
  });

  it('names a missing or corrupt file', async () => {
    const missing = `${store.dir}/absent.onnx`;
    await expect(store.visual.registerEncoder({ name: 'x', path: missing })).rejects.toThrow(ModelFileError);
    await expect(store.visual.registerEncoder({ name: 'x', path: missing })).rejects.toThrow(/absent\.onnx is missing/);
    const garbage = store.write('garbage.onnx', Buffer.from('this is not a protobuf model'));
    await expect(store.visual.registerEncoder({ name: 'x', path: garbage })).rejects.toThrow(/garbage\.onnx is corrupt: ONNX Runtime cannot load it/);
    const path = store.write('tiny.onnx', tinyImageModel());
    await expect(store.visual.registerEncoder({ name: 'x', path, sha256: '0'.repeat(64) })).rejects.toThrow(/tiny\.onnx is corrupt: sha256/);
    expect(store.visual.models()).toEqual([]);
  });

  it('refuses to load a registered model whose file changed since', async () => {
    const path = store.write('tiny.onnx', tinyImageModel());
    const model = await registerImageEncoder(store.visual.registry, { name: 'tiny', path });
    store.write('tiny.onnx', tinyImageModel(1));
    await expect(ImageEncoder.load(model, { providers: ['cpu'], log: quiet })).rejects.toThrow(/tiny\.onnx is corrupt: sha256 [0-9a-f]+, registry says/);
  });

  it('explains image inputs it cannot drive', () => {
    const sig = (shape: (number | string)[], type = 'float32') => [{ name: 'pixels', type, shape }];
    expect(() => resolveImageInput('m.onnx', sig(['N', 3, 'H', 'W']))).toThrow(/symbolic height \(H\); pass imageSize/);
    expect(resolveImageInput('m.onnx', sig(['N', 3, 'H', 'W']), { height: 224, width: 160 }).imageShape).toEqual([3, 224, 160]);
    expect(() => resolveImageInput('m.onnx', sig([1, 3, 224, 224], 'uint8'))).toThrow(ImageModelShapeError);
    expect(() => resolveImageInput('m.onnx', sig([1, 3, 224]))).toThrow(/expected \[N, C, H, W\]/);
    expect(() => resolveImageInput('m.onnx', sig([1, 3, 224, 224]), { height: 256, width: 256 })).toThrow(/height 224, imageSize asks for 256/);
  });
});
