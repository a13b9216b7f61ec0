import { addColumnSums } from '../kernels/vec';
import { linearBackward, linearForward } from '../kernels/matmul';
import { softmaxCrossEntropy } from '../kernels/softmax-cross-entropy';
import type { TextTable } from './item-vectors';

/**
 * The catalogue-sized parts of a training step: all item vectors from the text projection and id
 * embeddings, full-softmax cross-entropy over every item with its gradients, and the text
 * projection's gradient from the item-vector gradients. Two engines implement it: plain
 * TypeScript (tests, tiny catalogues) and ONNX Runtime (`ortCatalogueOps`, real catalogues).
 */
export interface CatalogueOps {
  readonly engine: 'typescript' | 'onnxruntime';
  /** e = W t + b (+ id); w/b null for an id-only model, ids null for a text-only one. */
  itemVectors(w: Float32Array | null, b: Float32Array | null, ids: Float32Array | null): Promise<Float32Array>;
  softmaxLoss(hidden: Float32Array, rows: number, items: Float32Array, bias: Float32Array, targets: Int32Array, repeat: RepeatTerm | null): Promise<SoftmaxLossGrads>;
  /**
   * The same loss over a batch's sampled candidates (loss/sampled-softmax.ts): `candidates`
   * [count, d] with their bias and log-Q corrections (`negativeOffset`), `targets` as columns of
   * the candidates, the repeat pairs as (row, column); gradients per candidate.
   */
  sampledSoftmaxLoss(hidden: Float32Array, rows: number, candidates: SampledCandidates, targets: Int32Array, repeat: RepeatTerm | null): Promise<SoftmaxLossGrads>;
  projectionGrad(dItems: Float32Array): Promise<{ dW: Float32Array; db: Float32Array }>;
  dispose(): Promise<void>;
}

/** The learned repeat term: beta added to the logits of each row's history items (distinct pairs). */
export interface RepeatTerm {
  pairs: Int32Array;
  beta: number;
}

/** A batch's candidate columns as the loss sees them. */
export interface SampledCandidates {
  count: number;
  vectors: Float32Array;
  bias: Float32Array;
  negativeOffset: Float32Array;
}

export interface SoftmaxLossGrads {
  dBeta: number;
  loss: number;
  dHidden: Float32Array;
  dItems: Float32Array;
  dBias: Float32Array;
}

export function typescriptCatalogueOps(text: TextTable | null, numItems: number, dim: number): CatalogueOps {
  return {
    engine: 'typescript',
    async itemVectors(w, b, ids) {
      const out = w !== null && text !== null ? (linearForward(text.vectors, w, b, numItems, text.dim, dim) as Float32Array) : new Float32Array(numItems * dim);
      if (ids !== null) for (let i = 0; i < out.length; i += 1) out[i] = out[i]! + ids[i]!;
      return out;
    },
    async softmaxLoss(hidden, rows, items, bias, targets, repeat) {
      const r = softmaxCrossEntropy({ hidden, candidates: items, offset: bias, targets, rows, numCandidates: numItems, dim, repeat: repeat ?? undefined });
      return { loss: r.loss, dHidden: r.dHidden as Float32Array, dItems: r.dCandidates as Float32Array, dBias: r.dOffset as Float32Array, dBeta: r.dBeta };
    },
    async sampledSoftmaxLoss(hidden, rows, candidates, targets, repeat) {
      const r = softmaxCrossEntropy({ hidden, candidates: candidates.vectors, offset: candidates.bias, negativeOffset: candidates.negativeOffset, targets, rows, numCandidates: candidates.count, dim, repeat: repeat ?? undefined });
      return { loss: r.loss, dHidden: r.dHidden as Float32Array, dItems: r.dCandidates as Float32Array, dBias: r.dOffset as Float32Array, dBeta: r.dBeta };
    },
    async projectionGrad(dItems) {
      if (text === null) throw new Error('projectionGrad needs text vectors');
      const dW = new Float32Array(dim * text.dim);
      const db = new Float32Array(dim);
      linearBackward(dItems, text.vectors, new Float32Array(dim * text.dim), dW, null, numItems, text.dim, dim, false);
      addColumnSums(dItems, numItems, dim, db);
      return { dW, db };
    },
    async dispose() {},
  };
}
