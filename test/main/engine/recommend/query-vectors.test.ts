import { describe, expect, it } from 'vitest';
import { QueryVectors } from '../../../../src/main/engine/recommend/query-vectors';

describe('query vectors', () => {
  it('embeds a normalised query once, also when it is asked again while its embedding is under way', async () => {
    const embedded: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const vectors = new QueryVectors(async (q) => {
      embedded.push(q);
      await gate;
      return Float32Array.of(q.length);
    });
    const a = vectors.get('Red  Shoes');
    const b = vectors.get(' red shoes ');
    const c = vectors.get('blue shoes');
    expect(vectors.peek('red shoes')).toBeUndefined();
    release();
    const [va, vb, vc] = await Promise.all([a, b, c]);
    expect(embedded).toEqual(['red shoes', 'blue shoes']);
    expect(va).toBe(vb);
    expect(vc).toEqual(Float32Array.of(10));
    expect(vectors.peek('RED SHOES')).toBe(va);
    await vectors.get('red shoes');
    expect(embedded).toHaveLength(2);
  });

  it('does not keep a failed embedding: the next ask embeds again', async () => {
    let calls = 0;
    const vectors = new QueryVectors(async () => {
      calls++;
      if (calls === 1) throw new Error('encoder busy');
      return Float32Array.of(1);
    });
    await expect(vectors.get('lamp')).rejects.toThrow('encoder busy');
    await expect(vectors.get('lamp')).resolves.toEqual(Float32Array.of(1));
    expect(calls).toBe(2);
  });

  it('keeps at most `capacity` vectors, the oldest leaving first', async () => {
    const vectors = new QueryVectors(async (q) => Float32Array.of(q.length), 2);
    for (const q of ['a', 'bb', 'ccc']) await vectors.get(q);
    expect(vectors.peek('a')).toBeUndefined();
    expect(vectors.peek('bb')).toBeDefined();
    expect(vectors.peek('ccc')).toBeDefined();
  });
});
