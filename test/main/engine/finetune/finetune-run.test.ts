import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { splitComparisonShoppers } from '../../../../src/main/engine/finetune/comparison-shoppers';
import { trainingDataDifference, trainingDataRecord } from '../../../../src/main/engine/finetune/finetune-run';
import type { StoreTrainingData } from '../../../../src/main/engine/finetune/store-training-data';

function data(vectors: Float32Array): StoreTrainingData {
  const sequences = [Int32Array.of(1, 2, 3), Int32Array.of(4, 5)];
  return {
    itemIds: ['a', 'b', 'c', 'd', 'e', 'f'],
    sequences,
    shopperIds: ['s1', 's2'],
    tokenEvents: sequences.map((s) => ({ types: new Int32Array(s.length), gaps: new Int32Array(s.length) })),
    text: { vectors, dim: 4 },
    attributes: null,
    events: 5,
  };
}

describe('trainingDataRecord', () => {
  // A text table of ~10 MB is hashed in several slices: a slice dropped, repeated or cut at the wrong offset changes the digest.
  it('hashes the text table in slices to the digest of the whole table, and tells a changed vector apart', async () => {
    const vectors = Float32Array.from({ length: 2_600_000 }, (_, i) => Math.sin(i));
    const split = splitComparisonShoppers(data(vectors));
    const record = await trainingDataRecord(data(vectors), split);
    expect(record.textSha256).toBe(createHash('sha256').update(Buffer.from(vectors.buffer)).digest('hex'));
    const changed = Float32Array.from(vectors);
    changed[2_599_999] = 7;
    const other = await trainingDataRecord(data(changed), split);
    expect(trainingDataDifference(record, other)).toMatch(/text vectors/);
    expect(trainingDataDifference(record, await trainingDataRecord(data(vectors), split))).toBeNull();
  });
});
