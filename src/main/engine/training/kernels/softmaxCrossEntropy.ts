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
}

export interface SoftmaxLossResult {
  loss: number;
  dHidden: Vec;
  dCandidates: Vec;
  dOffset: Vec;
}

/**
 * Mean softmax cross-entropy of each row's positive against all candidates (full softmax when the
 * candidates are the catalogue, sampled softmax otherwise), with its gradients.
 */
export function softmaxCrossEntropy(input: SoftmaxLossInput): SoftmaxLossResult {
  const { hidden, candidates, offset, targets, rows, numCandidates: n, dim } = input;
  const logits = zerosLike(hidden, rows * n);
  matmulABt(hidden, candidates, logits, rows, n, dim);
  let loss = 0;
  const inv = 1 / rows;
  for (let r = 0; r < rows; r += 1) {
    const o = r * n;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < n; c += 1) {
      const v = logits[o + c]! + offset[c]!;
      logits[o + c] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 0; c < n; c += 1) {
      const e = Math.exp(logits[o + c]! - max);
      logits[o + c] = e;
      sum += e;
    }
    const t = targets[r]!;
    loss -= Math.log(logits[o + t]! / sum);
    for (let c = 0; c < n; c += 1) logits[o + c] = (logits[o + c]! / sum) * inv;
    logits[o + t] = logits[o + t]! - inv;
  }
  const dLogits = logits;
  const dOffset = zerosLike(hidden, n);
  addColumnSums(dLogits, rows, n, dOffset);
  const dHidden = zerosLike(hidden, rows * dim);
  matmulABt(dLogits, transpose(candidates, n, dim), dHidden, rows, dim, n);
  const dCandidates = zerosLike(hidden, n * dim);
  matmulABt(transpose(dLogits, rows, n), transpose(hidden, rows, dim), dCandidates, n, dim, rows);
  return { loss: loss * inv, dHidden, dCandidates, dOffset };
}
