import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../../src/main/engine/retrieval';

describe('reciprocalRankFusion', () => {
  it('adds 1 / (60 + rank) per list and keeps each rank', () => {
    // lexical: a b c ; semantic: c a d
    const fused = reciprocalRankFusion(['a', 'b', 'c'], ['c', 'a', 'd']);
    const byId = Object.fromEntries(fused.map((f) => [f.itemId, f]));
    expect(byId.a!.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(byId.c!.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(byId.b!.score).toBeCloseTo(1 / 62, 12);
    expect(byId.d!.score).toBeCloseTo(1 / 63, 12);
    expect(fused.map((f) => f.itemId)).toEqual(['a', 'c', 'b', 'd']);
    expect(byId.a).toMatchObject({ lexicalRank: 1, semanticRank: 2 });
    expect(byId.b).toMatchObject({ lexicalRank: 2, semanticRank: null });
    expect(byId.d).toMatchObject({ lexicalRank: null, semanticRank: 3 });
  });

  it('breaks a score tie by the better single rank, then by id', () => {
    // x: lexical 1 only; y: semantic 1 only -> same score, same best rank -> by id.
    expect(reciprocalRankFusion(['y'], ['x']).map((f) => f.itemId)).toEqual(['x', 'y']);
    expect(reciprocalRankFusion([], [])).toEqual([]);
  });

  it('counts an item listed twice in one list once, at its best rank', () => {
    const [only] = reciprocalRankFusion(['a', 'a'], []);
    expect(only).toMatchObject({ itemId: 'a', lexicalRank: 1 });
    expect(only!.score).toBeCloseTo(1 / 61, 12);
  });
});
