import { describe, expect, it } from 'vitest';
import { padBatch, planBatches } from '../../../../src/main/engine/inference/batching';
import { meanPoolNormalize } from '../../../../src/main/engine/inference/pooling';

describe('batching', () => {
  it('groups by length, respects both limits and keeps every index once', () => {
    const ids = [[1, 2, 3, 4, 5, 6], [1, 2], [1, 2, 3], [1], [1, 2, 3, 4, 5, 6, 7, 8]];
    const plans = planBatches(ids, { maxBatchSize: 2, maxTokensPerBatch: 12 });
    expect(plans.flatMap((p) => p.indices).sort()).toEqual([0, 1, 2, 3, 4]);
    for (const p of plans) {
      expect(p.batch.batch).toBeLessThanOrEqual(2);
      expect(p.batch.batch * p.batch.seq).toBeLessThanOrEqual(12);
      expect(p.batch.seq).toBe(Math.max(...p.indices.map((i) => ids[i]!.length)));
    }
    expect(plans[0]!.indices).toEqual([3, 1]);
  });

  it('pads with id 0 and mask 0', () => {
    const b = padBatch([[101, 7, 102], [101, 102]]);
    expect(b.seq).toBe(3);
    expect(Array.from(b.inputIds)).toEqual([101n, 7n, 102n, 101n, 102n, 0n]);
    expect(Array.from(b.attentionMask)).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
  });
});

describe('mean pooling', () => {
  it('averages unmasked tokens only and normalises to unit length', () => {
    const batch = padBatch([[1, 2], [1]]);
    // row 0: tokens (3,0) and (1,0) -> mean (2,0); row 1: token (0,2), then a pad (9,9) ignored.
    const data = Float32Array.from([3, 0, 1, 0, 0, 2, 9, 9]);
    const [a, b] = meanPoolNormalize(batch, { data, dimensions: 2 });
    expect(Array.from(a!)).toEqual([1, 0]);
    expect(Array.from(b!)).toEqual([0, 1]);
  });
});
