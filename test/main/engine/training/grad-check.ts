import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';

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

/** A float32 parameter as the whole-step checks see it. */
interface CheckedParam {
  name: string;
  value: Float32Array;
}

/**
 * Whole-training-step check in float32: for the chosen coordinates of each parameter, the largest
 * relative error between its analytic gradient and central differences of the async `loss`
 * (eps 2e-3, coordinates perturbed in place and restored). Where both are tiny (< 1e-3 together)
 * the absolute error is collected instead, as float32 round-off dominates a relative one there.
 */
export async function wholeStepGradError(
  params: readonly CheckedParam[],
  grads: ReadonlyMap<string, Float32Array>,
  coords: (p: CheckedParam, grad: Float32Array) => number[],
  loss: () => Promise<number>,
): Promise<{ worstRelative: number; worstAbsoluteTiny: number }> {
  const eps = 2e-3;
  let worstRelative = 0;
  let worstAbsoluteTiny = 0;
  for (const p of params) {
    const g = grads.get(p.name)!;
    for (const i of coords(p, g)) {
      const keep = p.value[i]!;
      p.value[i] = keep + eps;
      const up = await loss();
      p.value[i] = keep - eps;
      const down = await loss();
      p.value[i] = keep;
      const numeric = (up - down) / (2 * eps);
      const err = Math.abs(numeric - g[i]!);
      if (Math.abs(g[i]!) + Math.abs(numeric) > 1e-3) worstRelative = Math.max(worstRelative, err / (Math.abs(numeric) + Math.abs(g[i]!)));
      else worstAbsoluteTiny = Math.max(worstAbsoluteTiny, err);
    }
  }
  return { worstRelative, worstAbsoluteTiny };
}
