import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { scoreItems } from '../../../../src/main/engine/training/model/intent-model';

/** The one-row loop scoreItems replaced (bias first, then coordinates ascending, in doubles). */
function reference(intent: Float32Array, table: Float32Array, bias: Float32Array): Float32Array {
  const d = intent.length;
  const out = new Float32Array(bias.length);
  for (let j = 0; j < bias.length; j += 1) {
    let s = bias[j]!;
    for (let c = 0; c < d; c += 1) s += intent[c]! * table[j * d + c]!;
    out[j] = s;
  }
  return out;
}

describe('scoreItems (four items at a time)', () => {
  // A broken blocking (a row skipped or scored twice, the ragged tail dropped, another summation order) fails the bitwise check.
  it.each([1, 3, 4, 5, 8, 101, 1000])('gives the one-row loop\'s scores bit for bit (%i items)', (n) => {
    const r = seededRandom(n);
    const d = 16;
    const intent = Float32Array.from({ length: d }, () => r() - 0.5);
    const table = Float32Array.from({ length: n * d }, () => (r() - 0.5) * 3);
    const bias = Float32Array.from({ length: n }, () => r() - 0.5);
    const got = scoreItems(intent, table, bias, new Float32Array(n).fill(Number.NaN));
    const want = reference(intent, table, bias);
    expect(Array.from(got).every((x, i) => Object.is(x, want[i]))).toBe(true);
  });
});
