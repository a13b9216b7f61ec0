import { matmulABt, transpose } from './matmul';
import { addColumnSums, zerosLike, type Vec } from './vec';

export interface SoftmaxLossInput {
  /** Intent vectors, rows x dim. */
  hidden: Vec;
  /** Candidate item vectors, candidates x dim (the full catalogue or a sample). */
  candidates: Vec;
  /** Per-candidate logit offset (the item bias). */
  offset: Vec;
  /** Column of each row's positive candidate. */
  targets: Int32Array;
  rows: number;
  numCandidates: number;
  dim: number;
  /**
   * Learned repeat term: `beta` is added to the logit of each (row, candidate) pair listed in
   * `pairs` (flat row, column pairs: the items already in that row's history).
   */
  repeat?: { pairs: Int32Array; beta: number };
  /**
   * Sampled softmax: per-candidate offset added to the logit of every row whose target the
   * candidate is not (its log-Q correction; a very negative value masks it), never to the row's
   * own target (loss/negative-sampler.ts). Absent for the full softmax.
   */
  negativeOffset?: Vec;
}

export interface SoftmaxLossResult {
  loss: number;
  dHidden: Vec;
  dCandidates: Vec;
  dOffset: Vec;
  /** Gradient of the repeat term's beta (0 without one). */
  dBeta: number;
}

/**
 * Mean softmax cross-entropy of each row's positive against all candidates (the catalogue, or a
 * sample with `negativeOffset`), with its gradients. Pairs listed in `repeat` must be distinct.
 * The offsets are constants: the gradients are those of the corrected logits.
 */
export function softmaxCrossEntropy(input: SoftmaxLossInput): SoftmaxLossResult {
  const { hidden, candidates, offset, targets, rows, numCandidates: n, dim } = input;
  const logits = zerosLike(hidden, rows * n);
  matmulABt(hidden, candidates, logits, rows, n, dim);
  const pairs = input.repeat?.pairs ?? new Int32Array(0);
  const beta = input.repeat?.beta ?? 0;
  for (let k = 0; k < pairs.length; k += 2) logits[pairs[k]! * n + pairs[k + 1]!] = logits[pairs[k]! * n + pairs[k + 1]!]! + beta;
  let loss = 0;
  const inv = 1 / rows;
  const negative = input.negativeOffset;
  for (let r = 0; r < rows; r += 1) {
    const o = r * n;
    const t = targets[r]!;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < n; c += 1) {
      const v = logits[o + c]! + offset[c]! + (negative !== undefined && c !== t ? negative[c]! : 0);
      logits[o + c] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 0; c < n; c += 1) {
      const e = Math.exp(logits[o + c]! - max);
      logits[o + c] = e;
      sum += e;
    }
    loss -= Math.log(logits[o + t]! / sum);
    for (let c = 0; c < n; c += 1) logits[o + c] = (logits[o + c]! / sum) * inv;
    logits[o + t] = logits[o + t]! - inv;
  }
  const dLogits = logits;
  let dBeta = 0;
  for (let k = 0; k < pairs.length; k += 2) dBeta += dLogits[pairs[k]! * n + pairs[k + 1]!]!;
  const dOffset = zerosLike(hidden, n);
  addColumnSums(dLogits, rows, n, dOffset);
  const dHidden = zerosLike(hidden, rows * dim);
  matmulABt(dLogits, transpose(candidates, n, dim), dHidden, rows, dim, n);
  const dCandidates = zerosLike(hidden, n * dim);
  matmulABt(transpose(dLogits, rows, n), transpose(hidden, rows, dim), dCandidates, n, dim, rows);
  return { loss: loss * inv, dHidden, dCandidates, dOffset, dBeta };
}
