/**
 * Sentence embedding from token states, as sentence-transformers computes it for
 * all-MiniLM-L6-v2: mean over the attention mask, then L2 normalisation.
 */
import type { EncoderBatch, TokenStates } from './encoder-session';

/** One unit-length Float32Array per row of the batch. */
export function meanPoolNormalize(batch: EncoderBatch, states: TokenStates): Float32Array[] {
  const { batch: rows, seq } = batch;
  const dim = states.dimensions;
  if (states.data.length !== rows * seq * dim) {
    throw new Error(`token states have ${states.data.length} values, expected ${rows}x${seq}x${dim}`);
  }
  const out: Float32Array[] = [];
  // Accumulate in float64 so the pooled vector does not drift from the reference's.
  const acc = new Float64Array(dim);
  for (let r = 0; r < rows; r++) {
    acc.fill(0);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (batch.attentionMask[r * seq + t] === 0n) continue;
      count++;
      const base = (r * seq + t) * dim;
      for (let d = 0; d < dim; d++) acc[d]! += states.data[base + d]!;
    }
    // Same clamps as the reference: 1e-9 on the token count, 1e-12 on the norm.
    const denom = Math.max(count, 1e-9);
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      acc[d] = acc[d]! / denom;
      norm += acc[d]! * acc[d]!;
    }
    const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    const v = new Float32Array(dim);
    for (let d = 0; d < dim; d++) v[d] = acc[d]! * scale;
    out.push(v);
  }
  return out;
}

export function cosine(a: Float32Array | readonly number[], b: Float32Array | readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), 1e-12);
}
