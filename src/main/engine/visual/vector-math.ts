/** L2 normalisation and cosine for the visual channel, accumulating in float64. */

/** The unit vector along `values` as float32, or null when its norm is zero (or not finite). */
export function l2Normalised(values: ArrayLike<number>): Float32Array | null {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  const norm = Math.sqrt(sum);
  if (!(norm > 0) || !Number.isFinite(norm)) return null;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! / norm;
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Cosine of two unit vectors clipped to [0, 1]: the visual channel's score. Mismatched dims score 0. */
export function visualSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  return Math.min(1, Math.max(0, dot(a, b)));
}
