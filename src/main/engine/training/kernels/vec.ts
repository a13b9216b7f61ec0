/**
 * Numeric buffers the kernels accept. Training always runs on Float32Array; the gradient checks
 * run the very same kernels on Float64Array so finite differences are exact enough to compare.
 */
export type Vec = Float32Array | Float64Array;

/** A zeroed buffer of the same element type as `like`. */
export function zerosLike(like: Vec, length: number): Vec {
  return like instanceof Float64Array ? new Float64Array(length) : new Float32Array(length);
}

/** out[k] += sum over rows of m (rows x cols, row-major). */
export function addColumnSums(m: Vec, rows: number, cols: number, out: Vec): void {
  for (let r = 0; r < rows; r += 1) {
    const o = r * cols;
    for (let c = 0; c < cols; c += 1) out[c] = out[c]! + m[o + c]!;
  }
}
