import type { Parameter, ParameterSet } from '../model/parameters';

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

/** The item-indexed tables (one row per catalogue item) that a sparse step touches row by row. */
export const ITEM_TABLES: ReadonlySet<string> = new Set(['item.id', 'item.bias']);

/** Row width of an item table (its values over the catalogue's items). */
function rowWidth(p: Parameter): number {
  return p.shape.length > 1 ? p.shape[1]! : 1;
}

/**
 * One AdamW update from the accumulated gradients; returns the gradient norm before clipping.
 *
 * With `touchedItems` (a sparse step: the distinct items whose rows of `ITEM_TABLES` may hold a
 * gradient, every other row's gradient being zero) the item tables get a **lazy Adam** (as
 * TensorFlow Addons' LazyAdam and PyTorch's SparseAdam): only the touched rows' moments and values
 * are updated, with the global step's bias corrections; an untouched row keeps its value and its
 * moments as they were (no momentum carried over steps where it has no gradient, no decay of its
 * moments), and weight decay, when set, shrinks only the touched rows (decoupled, applied when a
 * row is updated, not caught up for the steps it missed). On touched rows the update is the dense
 * one's exactly; every other parameter is updated densely as without it. The clipping norm is the
 * dense one (the untouched rows add zero to it).
 */
export function adamStep(params: ParameterSet, state: AdamState, options: AdamOptions, touchedItems?: Int32Array): number {
  let sq = 0;
  for (const p of params.list) {
    if (touchedItems !== undefined && ITEM_TABLES.has(p.name)) {
      const w = rowWidth(p);
      for (const item of touchedItems) for (let i = item * w; i < (item + 1) * w; i += 1) sq += p.grad[i]! * p.grad[i]!;
    } else for (let i = 0; i < p.grad.length; i += 1) sq += p.grad[i]! * p.grad[i]!;
  }
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
    const update = (from: number, to: number): void => {
      for (let i = from; i < to; i += 1) {
        const gi = grad[i]! * clip;
        const mi = b1 * m[i]! + (1 - b1) * gi;
        const vi = b2 * v[i]! + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        value[i] = value[i]! * decay - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
      }
    };
    if (touchedItems !== undefined && ITEM_TABLES.has(p.name)) {
      const w = rowWidth(p);
      for (const item of touchedItems) update(item * w, (item + 1) * w);
    } else update(0, value.length);
  });
  return norm;
}

/**
 * Zeroes the gradients after a sparse step: every parameter outside `ITEM_TABLES` whole, the item
 * tables on the touched rows only (the only rows a sparse step writes). `touchedItems` null (the
 * first step of a run, or after a dense one) zeroes everything.
 */
export function zeroGradSparse(params: ParameterSet, touchedItems: Int32Array | null): void {
  if (touchedItems === null) {
    params.zeroGrad();
    return;
  }
  for (const p of params.list) {
    if (!ITEM_TABLES.has(p.name)) {
      p.grad.fill(0);
      continue;
    }
    const w = rowWidth(p);
    for (const item of touchedItems) p.grad.fill(0, item * w, (item + 1) * w);
  }
}
