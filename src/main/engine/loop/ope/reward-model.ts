import { FEATURES_PER_ITEM } from '../../ranking';
import type { OpeDataset } from './ope-dataset';

/** Inputs per (item, list): an intercept, the item's FEATURES_PER_ITEM features, the session's purchase intent and cold start. */
export const REWARD_MODEL_INPUTS = 1 + FEATURES_PER_ITEM + 2;

export interface RewardModel {
  /** Expected outcome o of pool item `poolItem` (an index over the dataset's pool items) shown at window slot `slot`. */
  predict(o: number, poolItem: number, slot: number): number;
  /** Every outcome's prediction at once, into `out` (length: outcomes). */
  predictAll(poolItem: number, slot: number, out: Float64Array): void;
  /** Per outcome, the REWARD_MODEL_INPUTS coefficients. */
  readonly coefficients: readonly Float64Array[];
  /** Window slots it was fitted on. */
  readonly rows: number;
}

export interface RewardModelOptions {
  /** Ridge penalty per row (default 1e-4, at least 1 in all). */
  readonly ridge?: number;
  /** Fit on at most this many window slots, evenly spaced (default 50,000). */
  readonly maxRows?: number;
}

/**
 * The doubly robust estimator's reward model, fitted on the log: under the position-based model
 * an item's expected outcome at position p is theta_p x e(item, context), so
 *   q(item, p) = theta_p x max(0, beta . [1, features, purchaseIntent, coldStart]),
 * with beta by ridge least squares over the logged window slots (design row theta_p x inputs),
 * one beta per outcome, theta the estimated examination curve (1 where unknown). A simple model on
 * purpose: DR stays unbiased however wrong it is; it only has to take out part of the variance.
 */
export function fitRewardModel(d: OpeDataset, outcomes: readonly Float64Array[], theta: (position: number) => number, options: RewardModelOptions = {}): RewardModel {
  const F = REWARD_MODEL_INPUTS;
  const O = outcomes.length;
  const slots = d.shownPool.length;
  const poolList = new Int32Array(d.poolItem.length);
  for (let i = 0; i < d.lists; i++) poolList.fill(i, d.poolStart[i] as number, d.poolStart[i + 1] as number);
  const inputs = (poolItem: number, out: Float64Array): void => {
    const i = poolList[poolItem] as number;
    out[0] = 1;
    for (let f = 0; f < FEATURES_PER_ITEM; f++) out[1 + f] = d.features[poolItem * FEATURES_PER_ITEM + f] as number;
    out[1 + FEATURES_PER_ITEM] = d.purchaseIntent[i] as number;
    out[2 + FEATURES_PER_ITEM] = d.coldStart[i] as number;
  };
  const step = Math.max(1, Math.ceil(slots / (options.maxRows ?? 50_000)));
  const xtx = new Float64Array(F * F);
  const xty = Array.from({ length: O }, () => new Float64Array(F));
  const x = new Float64Array(F);
  let rows = 0;
  for (let i = 0; i < d.lists; i++) {
    const p0 = d.poolStart[i] as number;
    for (let s = d.windowStart[i] as number; s < (d.windowStart[i + 1] as number); s++) {
      if (s % step !== 0) continue;
      inputs(p0 + (d.shownPool[s] as number), x);
      const th = theta(d.windowPosition[s] as number);
      for (let a = 0; a < F; a++) x[a] = (x[a] as number) * th;
      for (let a = 0; a < F; a++) {
        const xa = x[a] as number;
        if (xa === 0) continue;
        // The upper triangle only; mirrored below.
        for (let b = a; b < F; b++) xtx[a * F + b] = (xtx[a * F + b] as number) + xa * (x[b] as number);
        for (let o = 0; o < O; o++) {
          const y = (outcomes[o] as Float64Array)[s] as number;
          const v = xty[o] as Float64Array;
          v[a] = (v[a] as number) + xa * y;
        }
      }
      rows++;
    }
  }
  for (let a = 0; a < F; a++) for (let b = 0; b < a; b++) xtx[a * F + b] = xtx[b * F + a] as number;
  const lambda = Math.max(1, (options.ridge ?? 1e-4) * rows);
  for (let a = 0; a < F; a++) xtx[a * F + a] = (xtx[a * F + a] as number) + lambda;
  const coefficients = xty.map((v) => solve(xtx, v, F));
  const buffer = new Float64Array(F);
  return {
    rows,
    coefficients,
    predict(o, poolItem, slot) {
      inputs(poolItem, buffer);
      const beta = coefficients[o] as Float64Array;
      let e = 0;
      for (let a = 0; a < F; a++) e += (beta[a] as number) * (buffer[a] as number);
      return e > 0 ? theta(d.windowPosition[slot] as number) * e : 0;
    },
    predictAll(poolItem, slot, out) {
      inputs(poolItem, buffer);
      const th = theta(d.windowPosition[slot] as number);
      for (let o = 0; o < O; o++) {
        const beta = coefficients[o] as Float64Array;
        let e = 0;
        for (let a = 0; a < F; a++) e += (beta[a] as number) * (buffer[a] as number);
        out[o] = e > 0 ? th * e : 0;
      }
    },
  };
}

/** Solves A x = b (A symmetric positive definite, F x F, row-major) by Gaussian elimination with partial pivoting. */
export function solve(matrix: Float64Array, rhs: Float64Array, F: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let c = 0; c < F; c++) {
    let pivot = c;
    for (let r = c + 1; r < F; r++) if (Math.abs(a[r * F + c] as number) > Math.abs(a[pivot * F + c] as number)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < F; k++) {
        const t = a[c * F + k] as number;
        a[c * F + k] = a[pivot * F + k] as number;
        a[pivot * F + k] = t;
      }
      const t = b[c] as number;
      b[c] = b[pivot] as number;
      b[pivot] = t;
    }
    const diag = a[c * F + c] as number;
    if (diag === 0) continue;
    for (let r = c + 1; r < F; r++) {
      const f = (a[r * F + c] as number) / diag;
      if (f === 0) continue;
      for (let k = c; k < F; k++) a[r * F + k] = (a[r * F + k] as number) - f * (a[c * F + k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Float64Array(F);
  for (let r = F - 1; r >= 0; r--) {
    let s = b[r] as number;
    for (let k = r + 1; k < F; k++) s -= (a[r * F + k] as number) * (x[k] as number);
    const diag = a[r * F + r] as number;
    x[r] = diag === 0 ? 0 : s / diag;
  }
  return x;
}
