/** Inner product of row `row` of a row-major matrix with a query vector (cosine on unit vectors). */
export function dotRow(matrix: Float32Array, row: number, dims: number, query: Float32Array): number {
  const base = row * dims;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  // Four accumulators let V8 overlap the multiply-adds; dims is 384 in practice.
  for (; d + 3 < dims; d += 4) {
    s0 += matrix[base + d]! * query[d]!;
    s1 += matrix[base + d + 1]! * query[d + 1]!;
    s2 += matrix[base + d + 2]! * query[d + 2]!;
    s3 += matrix[base + d + 3]! * query[d + 3]!;
  }
  for (; d < dims; d++) s0 += matrix[base + d]! * query[d]!;
  return s0 + s1 + s2 + s3;
}

/** A copy scaled to unit length; a zero vector stays zero. */
export function normalized(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! * inv;
  return out;
}
