import { addColumnSums, zerosLike, type Vec } from './vec';

/**
 * C (m x n) = A (m x k) . B (n x k)^T, optionally added into C. Every matmul of the model is
 * written in this "dot product" form: four rows of A share each load of B, which is what makes
 * plain JavaScript reach ~1.4 GMAC/s per core on the training machine (docs/INTENT_MODEL.md).
 */
export function matmulABt(a: Vec, b: Vec, c: Vec, m: number, n: number, k: number, accumulate = false): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let j = 0; j < n; j += 1) {
      const bo = j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p += 1) {
        const bv = b[bo + p]!;
        s0 += a[a0 + p]! * bv;
        s1 += a[a1 + p]! * bv;
        s2 += a[a2 + p]! * bv;
        s3 += a[a3 + p]! * bv;
      }
      const c0 = i * n + j;
      if (accumulate) {
        c[c0] = c[c0]! + s0;
        c[c0 + n] = c[c0 + n]! + s1;
        c[c0 + 2 * n] = c[c0 + 2 * n]! + s2;
        c[c0 + 3 * n] = c[c0 + 3 * n]! + s3;
      } else {
        c[c0] = s0;
        c[c0 + n] = s1;
        c[c0 + 2 * n] = s2;
        c[c0 + 3 * n] = s3;
      }
    }
  }
  for (; i < m; i += 1) {
    const ao = i * k;
    for (let j = 0; j < n; j += 1) {
      const bo = j * k;
      let s = 0;
      for (let p = 0; p < k; p += 1) s += a[ao + p]! * b[bo + p]!;
      c[i * n + j] = accumulate ? c[i * n + j]! + s : s;
    }
  }
}

/** out (cols x rows) = m (rows x cols)^T. */
export function transpose(m: Vec, rows: number, cols: number, out?: Vec): Vec {
  const t = out ?? zerosLike(m, rows * cols);
  for (let r = 0; r < rows; r += 1) {
    const o = r * cols;
    for (let c = 0; c < cols; c += 1) t[c * rows + r] = m[o + c]!;
  }
  return t;
}

/** y (rows x out) = x (rows x in) . W^T + b, with W stored (out x in). */
export function linearForward(x: Vec, w: Vec, b: Vec | null, rows: number, inDim: number, outDim: number): Vec {
  const y = zerosLike(x, rows * outDim);
  matmulABt(x, w, y, rows, outDim, inDim);
  if (b !== null) {
    for (let r = 0; r < rows; r += 1) {
      const o = r * outDim;
      for (let c = 0; c < outDim; c += 1) y[o + c] = y[o + c]! + b[c]!;
    }
  }
  return y;
}

/**
 * Gradients of `linearForward`: dW and db are accumulated, dx is returned (null when the input
 * needs no gradient, e.g. the frozen text vectors).
 */
export function linearBackward(
  dy: Vec,
  x: Vec,
  w: Vec,
  dw: Vec,
  db: Vec | null,
  rows: number,
  inDim: number,
  outDim: number,
  needInputGrad = true,
): Vec | null {
  const dyT = transpose(dy, rows, outDim);
  const xT = transpose(x, rows, inDim);
  matmulABt(dyT, xT, dw, outDim, inDim, rows, true);
  if (db !== null) addColumnSums(dy, rows, outDim, db);
  if (!needInputGrad) return null;
  const wT = transpose(w, outDim, inDim);
  const dx = zerosLike(dy, rows * inDim);
  matmulABt(dy, wT, dx, rows, inDim, outDim);
  return dx;
}
