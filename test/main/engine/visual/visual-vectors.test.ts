import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visualStore, type VisualStore } from './visual-fixtures';

let store: VisualStore;
beforeEach(() => {
  store = visualStore();
});
afterEach(() => store.cleanup());

const content = (rows: Record<string, number[]>): string => Object.entries(rows).map(([itemId, vector]) => JSON.stringify({ itemId, vector })).join('\n');

describe('VisualVectors for ranking', () => {
  it('has nothing to offer until a visual version is active', () => {
    expect(store.visual.vectors.activeVersion()).toBeUndefined();
    expect(store.visual.vectors.vectorOf('sku-1')).toBeUndefined();
    expect(store.visual.vectors.sessionVisualIntent(['sku-1'])).toBeNull();
    expect(store.visual.vectors.score(null, 'sku-1')).toBe(0);
  });

  it('gives the weighted, normalised mean of the session items as the visual intent and scores items by clipped cosine', async () => {
    const report = await store.visual.importText({ fileName: 'v.jsonl', format: 'jsonl', content: content({ 'sku-1': [1, 0, 0], 'sku-2': [0, 2, 0], 'sku-3': [-1, 0, 0], 'sku-4': [1, 1, 0] }) });
    const vectors = store.visual.vectors;
    expect(vectors.activeVersion()).toBe(report.modelVersion);
    expect([...vectors.vectorOf('sku-2')!]).toEqual([0, 1, 0]);
    expect(vectors.vectorOf('sku-5')).toBeUndefined();

    // 3 x [1,0,0] + 1 x [0,1,0], normalised; sku-5 has no vector and a zero weight counts for nothing.
    const intent = vectors.sessionVisualIntent(['sku-1', 'sku-2', 'sku-5', 'sku-3'], [3, 1, 5, 0])!;
    expect([...intent].map((x) => Number(x.toFixed(6)))).toEqual([Number((3 / Math.sqrt(10)).toFixed(6)), Number((1 / Math.sqrt(10)).toFixed(6)), 0]);
    expect(vectors.score(intent, 'sku-1')).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(vectors.score(intent, 'sku-3')).toBe(0); // cosine -0.95 clipped
    expect(vectors.score(intent, 'sku-4')).toBeCloseTo(4 / Math.sqrt(20), 6);
    expect(vectors.score(intent, 'sku-6')).toBe(0);
    // Unweighted: a plain mean.
    expect([...vectors.sessionVisualIntent(['sku-1', 'sku-2'])!].map((x) => Number(x.toFixed(6)))).toEqual([0.707107, 0.707107, 0]);
    expect(() => vectors.sessionVisualIntent(['sku-1'], [1, 2])).toThrow(RangeError);
  });

  it('follows the active version when another is activated', async () => {
    const a = await store.visual.importText({ fileName: 'a.jsonl', format: 'jsonl', content: content({ 'sku-1': [1, 0] }) });
    const b = await store.visual.importText({ fileName: 'b.jsonl', format: 'jsonl', content: content({ 'sku-1': [0, 0, 1] }) });
    expect(store.visual.vectors.vectorOf('sku-1')).toHaveLength(3);
    store.visual.activate(a.modelVersion);
    expect([...store.visual.vectors.vectorOf('sku-1')!]).toEqual([1, 0]);
    expect(store.visual.models().find((m) => m.version === b.modelVersion)?.status).toBe('registered');
  });
});
