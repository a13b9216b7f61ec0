/** Structured test vectors: items scattered around a few cluster centres, as real embeddings are. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

export function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = 1 / Math.sqrt(n);
  return v.map((x) => x * inv);
}

export function clusteredVectors(count: number, dims: number, clusters: number, seed = 1, spread = 0.6): Float32Array[] {
  const rnd = seededRandom(seed);
  const centres = Array.from({ length: clusters }, () => unit(Float32Array.from({ length: dims }, () => gaussian(rnd))));
  return Array.from({ length: count }, (_, i) => {
    const c = centres[i % clusters]!;
    return unit(Float32Array.from({ length: dims }, (_, d) => c[d]! + (spread / Math.sqrt(dims)) * gaussian(rnd) * 2));
  });
}

export const itemId = (i: number): string => `I${String(i).padStart(5, '0')}`;
