import { seededRandom } from '../../../../src/main/engine/eval/metrics/seededRandom';
import type { TextTable } from '../../../../src/main/engine/training/model/itemVectors';

/**
 * A tiny catalogue whose sequences follow a rule the model can learn: item i is followed by
 * (i + 1) mod numItems most of the time. Text vectors are random unit rows.
 */
export function toySequences(numUsers: number, numItems: number, seed = 3): Int32Array[] {
  const r = seededRandom(seed);
  return Array.from({ length: numUsers }, () => {
    const n = 4 + Math.floor(r() * 6);
    const s = new Int32Array(n);
    s[0] = Math.floor(r() * numItems);
    for (let t = 1; t < n; t += 1) s[t] = r() < 0.85 ? (s[t - 1]! + 1) % numItems : Math.floor(r() * numItems);
    return s;
  });
}

export function toyText(numItems: number, dim: number, seed = 5): TextTable {
  const r = seededRandom(seed);
  const vectors = new Float32Array(numItems * dim);
  for (let i = 0; i < numItems; i += 1) {
    let norm = 0;
    for (let c = 0; c < dim; c += 1) {
      const v = r() * 2 - 1;
      vectors[i * dim + c] = v;
      norm += v * v;
    }
    for (let c = 0; c < dim; c += 1) vectors[i * dim + c] = vectors[i * dim + c]! / Math.sqrt(norm);
  }
  return { vectors, dim };
}
