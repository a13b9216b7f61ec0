/**
 * Weighted ridge regression by its normal equations, accumulated one sample at a time so that any
 * number of logged items fits in a fixed (features x features) amount of memory.
 */
export class RidgeAccumulator {
  private readonly xtx: Float64Array;
  private readonly xty: Float64Array;
  samples = 0;

  constructor(readonly dims: number) {
    this.xtx = new Float64Array(dims * dims);
    this.xty = new Float64Array(dims);
  }

  /** Adds the sample (x, y); x is not kept. */
  add(x: Float64Array, y: number): void {
    const d = this.dims;
    for (let i = 0; i < d; i++) {
      const xi = x[i] as number;
      if (xi === 0) continue;
      this.xty[i] = (this.xty[i] as number) + xi * y;
      const row = i * d;
      for (let j = i; j < d; j++) this.xtx[row + j] = (this.xtx[row + j] as number) + xi * (x[j] as number);
    }
    this.samples++;
  }

  /** Solves (X'X + lambda I) b = X'y by Cholesky; the intercept (index 0) is not penalised. */
  solve(lambda: number): number[] {
    const d = this.dims;
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const v = (this.xtx[i * d + j] as number) + (i === j && i > 0 ? lambda : 0);
        a[i * d + j] = v;
        a[j * d + i] = v;
      }
    }
    // A tiny jitter keeps a column that never varied (a channel always 0) solvable.
    for (let i = 0; i < d; i++) a[i * d + i] = (a[i * d + i] as number) + 1e-9;
    const l = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = a[i * d + j] as number;
        for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number);
        if (i === j) {
          if (!(sum > 0)) throw new Error(`ridge fit: matrix not positive definite at ${i} (too few samples?)`);
          l[i * d + i] = Math.sqrt(sum);
        } else l[i * d + j] = sum / (l[j * d + j] as number);
      }
    }
    const z = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let sum = this.xty[i] as number;
      for (let k = 0; k < i; k++) sum -= (l[i * d + k] as number) * (z[k] as number);
      z[i] = sum / (l[i * d + i] as number);
    }
    const b = new Array<number>(d).fill(0);
    for (let i = d - 1; i >= 0; i--) {
      let sum = z[i] as number;
      for (let k = i + 1; k < d; k++) sum -= (l[k * d + i] as number) * (b[k] as number);
      b[i] = sum / (l[i * d + i] as number);
    }
    return b;
  }
}
