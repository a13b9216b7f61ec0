import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportVisualVectorsRequest, RegisterImageEncoderRequest, VisualImportReport, VisualModel, visualMethods, VisualStatus } from '../../../../src/shared/contract/visual';
import { methods } from '../../../../src/shared/contract';
import { ImageEncoder } from '../../../../src/main/engine/visual';
import { tinyImageModel } from './tiny-image-model';
import { visualStore, type VisualStore } from './visual-fixtures';

let store: VisualStore;
beforeEach(() => {
  store = visualStore();
});
afterEach(() => store.cleanup());

describe('the visual contract', () => {
  it('is part of the contract, keeps path-based calls out of it, and parses requests with their defaults', () => {
    for (const [name, spec] of Object.entries(visualMethods)) expect(methods[name as keyof typeof methods]).toBe(spec);
    expect(Object.keys(methods).filter((m) => m === 'visual.registerEncoder' || m === 'visual.importVectors')).toEqual([]);
    expect(ImportVisualVectorsRequest.parse({ path: '/x/v.npy', format: 'npy', idsPath: '/x/ids.txt' }).activate).toBe(true);
    expect(RegisterImageEncoderRequest.parse({ name: 'clip-vit-b32', path: '/m/clip.onnx' }).activate).toBe(false);
    expect(RegisterImageEncoderRequest.safeParse({ name: '../etc', path: '/m/x.onnx' }).success).toBe(false);
  });

  it("the service's answers satisfy the output schemas, including encoder vectors stored for a registered version", async () => {
    const report = await store.visual.importText({ fileName: 'v.csv', format: 'csv', content: 'item_id,vector\nsku-1,1 2\nghost,1 2\n' });
    expect(VisualImportReport.parse(report)).toEqual(report);
    const model = await store.visual.registerEncoder({ name: 'tiny', path: store.write('tiny.onnx', tinyImageModel()) });
    const encoder = await ImageEncoder.load(model, { providers: ['cpu'], log: { info: () => undefined, warn: () => undefined } });
    try {
      const [vector] = await encoder.embedImages([new Float32Array(48).fill(0.5)]);
      store.visual.storeEmbeddings(model.version, [{ itemId: 'sku-2', contentHash: 'image-sha', vector: vector! }]);
      expect(() => store.visual.storeEmbeddings(model.version, [{ itemId: 'sku-3', contentHash: 'x', vector: new Float32Array(3) }])).toThrow(/3 dimensions/);
    } finally {
      await encoder.dispose();
    }
    store.visual.activate(model.version);
    expect(store.visual.vectors.vectorOf('sku-2')).toHaveLength(8);
    for (const m of store.visual.models()) expect(VisualModel.parse(m)).toEqual(m);
    expect(VisualStatus.parse(store.visual.status())).toMatchObject({ itemsWithVectors: 1, active: { kind: 'image-encoder' } });
  });
});
