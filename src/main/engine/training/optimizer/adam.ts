import type { ParameterSet } from '../model/parameters';

export interface AdamOptions {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Decoupled weight decay (AdamW); 0 = plain Adam. */
  weightDecay: number;
  /** Gradients are rescaled when their global L2 norm exceeds this (0 = never). */
  clipNorm: number;
}

export const ADAM_DEFAULTS: AdamOptions = { learningRate: 1e-3, beta1: 0.9, beta2: 0.98, epsilon: 1e-8, weightDecay: 0, clipNorm: 5 };

/** Adam moments per parameter, in the parameter set's order; part of a checkpoint for resuming. */
export interface AdamState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

export function newAdamState(params: ParameterSet): AdamState {
  return { step: 0, m: params.list.map((p) => new Float32Array(p.value.length)), v: params.list.map((p) => new Float32Array(p.value.length)) };
}

/** One AdamW update from the accumulated gradients; returns the gradient norm before clipping. */
export function adamStep(params: ParameterSet, state: AdamState, options: AdamOptions): number {
  let sq = 0;
  for (const p of params.list) for (let i = 0; i < p.grad.length; i += 1) sq += p.grad[i]! * p.grad[i]!;
  const norm = Math.sqrt(sq);
  const clip = options.clipNorm > 0 && norm > options.clipNorm ? options.clipNorm / norm : 1;
  state.step += 1;
  const { beta1: b1, beta2: b2, epsilon } = options;
  const c1 = 1 - b1 ** state.step;
  const c2 = 1 - b2 ** state.step;
  const lr = options.learningRate;
  params.list.forEach((p, k) => {
    const m = state.m[k]!;
    const v = state.v[k]!;
    const { value, grad } = p;
    // Decay only matrices and embeddings, never gains, biases or the positional table's scale.
    const decay = options.weightDecay > 0 && p.shape.length > 1 && p.name !== 'position' ? 1 - lr * options.weightDecay : 1;
    for (let i = 0; i < value.length; i += 1) {
      const gi = grad[i]! * clip;
      const mi = b1 * m[i]! + (1 - b1) * gi;
      const vi = b2 * v[i]! + (1 - b2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      value[i] = value[i]! * decay - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
    }
  });
  return norm;
}
