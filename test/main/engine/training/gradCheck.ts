import { seededRandom } from '../../../../src/main/engine/eval/metrics/seededRandom';

/** Random float64 buffer in [-1, 1) (seeded). */
export function randomVec(n: number, seed: number, scale = 1): Float64Array {
  const r = seededRandom(seed);
  return Float64Array.from({ length: n }, () => (r() * 2 - 1) * scale);
}

/** sum(out * weights): turns any op into a scalar loss whose output gradient is `weights`. */
export function weightedSum(out: ArrayLike<number>, weights: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < out.length; i += 1) s += out[i]! * weights[i]!;
  return s;
}

/**
 * Largest relative error between an analytic gradient and central finite differences of `loss`
 * with respect to every element of `x` (x is perturbed in place and restored).
 */
export function maxGradError(x: Float64Array, analytic: ArrayLike<number>, loss: () => number, eps = 1e-5): number {
  let worst = 0;
  for (let i = 0; i < x.length; i += 1) {
    const keep = x[i]!;
    x[i] = keep + eps;
    const up = loss();
    x[i] = keep - eps;
    const down = loss();
    x[i] = keep;
    const numeric = (up - down) / (2 * eps);
    const err = Math.abs(numeric - analytic[i]!) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic[i]!));
    if (err > worst) worst = err;
  }
  return worst;
}
