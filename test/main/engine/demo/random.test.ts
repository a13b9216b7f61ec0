import { describe, expect, it } from 'vitest';
import { Random, streamSeed } from '../../../../src/main/engine/demo/random';

const draw = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('Random', () => {
  it('repeats a sequence for the same seed and label', () => {
    expect(draw(Random.stream(42, 'catalog'), 50)).toEqual(draw(Random.stream(42, 'catalog'), 50));
  });

  it('gives different sequences for different seeds or labels', () => {
    const base = draw(Random.stream(42, 'catalog'), 10);
    expect(draw(Random.stream(43, 'catalog'), 10)).not.toEqual(base);
    expect(draw(Random.stream(42, 'shopper:1'), 10)).not.toEqual(base);
    expect(streamSeed(42, 'a')).not.toBe(streamSeed(42 + 2 ** 32, 'a'));
  });

  it('stays in range', () => {
    const rng = new Random(1);
    for (let i = 0; i < 10_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      const k = rng.int(3, 7);
      expect(k >= 3 && k <= 7 && Number.isInteger(k)).toBe(true);
    }
  });

  it('samples distinct items and follows weights', () => {
    const rng = new Random(9);
    const picked = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(picked).size).toBe(4);
    const hits = [0, 0];
    for (let i = 0; i < 4000; i++) hits[rng.weightedIndex([1, 3])]! += 1;
    expect(hits[1]! / 4000).toBeGreaterThan(0.7);
    expect(hits[1]! / 4000).toBeLessThan(0.8);
  });

  it('draws log-normal values around the median', () => {
    const rng = new Random(5);
    const values = Array.from({ length: 5001 }, () => rng.logNormal(20, 0.3)).sort((a, b) => a - b);
    expect(values[2500]).toBeGreaterThan(18);
    expect(values[2500]).toBeLessThan(22);
  });
});
