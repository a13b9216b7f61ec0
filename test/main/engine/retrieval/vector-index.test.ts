import { afterEach, describe, expect, it } from 'vitest';
import { VectorIndex } from '../../../../src/main/engine/retrieval';
import { tempDir } from '../../../helpers/temp-dir';
import { clusteredVectors, itemId, unit } from './synthetic-vectors';

const DIMS = 32;

function filled(count: number, exactBelow: number): { index: VectorIndex; vectors: Float32Array[] } {
  const vectors = clusteredVectors(count, DIMS, 20);
  const index = new VectorIndex('test-model:int8', DIMS, { exactBelow, params: { efSearch: 100 } });
  index.upsert(vectors.map((vector, i) => ({ itemId: itemId(i), vector })));
  return { index, vectors };
}

describe('VectorIndex', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('searches exactly below the threshold and by HNSW above it', () => {
    expect(filled(200, 1000).index.usesAnn).toBe(false);
    expect(filled(200, 100).index.usesAnn).toBe(true);
  });

  it('ANN agrees with the exact path (recall@10 >= 0.95)', () => {
    const { index, vectors } = filled(2000, 0);
    let hits = 0;
    const queries = vectors.slice(0, 100);
    for (const q of queries) {
      const exact = new Set(index.searchExact(q, 10).map((h) => h.itemId));
      hits += index.search(q, 10).filter((h) => exact.has(h.itemId)).length;
    }
    expect(hits / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
    const [top] = index.search(vectors[7]!, 1);
    expect(top).toMatchObject({ itemId: itemId(7) });
    expect(top!.score).toBeCloseTo(1, 4);
  });

  it('adds new items and replaces changed ones without a rebuild; an old vector is never returned', () => {
    const { index, vectors } = filled(500, 0);
    const fresh = unit(Float32Array.from({ length: DIMS }, (_, d) => (d === 3 ? 1 : 0.01)));
    index.upsert([{ itemId: 'NEW', vector: fresh }]);
    expect(index.size).toBe(501);
    expect(index.search(fresh, 1)[0]).toMatchObject({ itemId: 'NEW' });

    // Move item 42 onto item 300's neighbourhood: its old position must not find it any more.
    const old = vectors[42]!;
    index.upsert([{ itemId: itemId(42), vector: vectors[300]! }]);
    expect(index.size).toBe(501);
    const nearOld = index.search(old, 5);
    expect(nearOld.find((h) => h.itemId === itemId(42) && h.score > 0.999)).toBeUndefined();
    expect(index.search(vectors[300]!, 2).map((h) => h.itemId).sort()).toEqual([itemId(300), itemId(42)].sort());
    expect(index.vectorOf(itemId(42))).toEqual(vectors[300]);
  });

  it('filters results by item', () => {
    const { index, vectors } = filled(300, 0);
    const odd = index.search(vectors[0]!, 10, (id) => Number(id.slice(1)) % 2 === 1);
    expect(odd).toHaveLength(10);
    expect(odd.every((h) => Number(h.itemId.slice(1)) % 2 === 1)).toBe(true);
  });

  it('saves and loads the graph and id map: same results, no rebuild needed', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { index, vectors } = filled(600, 0);
    index.watermark = 1234;
    index.save(t.dir);
    const loaded = VectorIndex.load(t.dir, 'test-model:int8', DIMS);
    expect(loaded.usesAnn).toBe(true);
    expect(loaded.size).toBe(600);
    expect(loaded.watermark).toBe(1234);
    for (const q of vectors.slice(0, 20)) expect(loaded.search(q, 10)).toEqual(index.search(q, 10));
    // Still incremental after a load.
    loaded.upsert([{ itemId: 'LATE', vector: vectors[5]! }]);
    expect(loaded.search(vectors[5]!, 2).map((h) => h.itemId).sort()).toEqual([itemId(5), 'LATE']);
  });
});
