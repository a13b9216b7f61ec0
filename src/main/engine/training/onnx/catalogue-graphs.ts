import type { TextTable } from '../model/item-vectors';
import { GraphBuilder } from './graph-builder';
import { ONNX_ELEM } from './onnx-schema';

/** items [N, d] = text [N, T] . W^T + b + ids, with the frozen text table as a constant of the graph. */
export function itemVectorsGraph(text: TextTable, numItems: number): Uint8Array {
  const g = new GraphBuilder('item_vectors');
  const t = g.floatTensor('text', [numItems, text.dim], text.vectors);
  const w = g.input('w', ONNX_ELEM.FLOAT, ['dim', text.dim]);
  const b = g.input('b', ONNX_ELEM.FLOAT, ['dim']);
  const ids = g.input('ids', ONNX_ELEM.FLOAT, [numItems, 'dim']);
  g.node('Add', [g.node('Gemm', [t, w, b], { transB: 1 }), ids], {}, 'items');
  g.output('items', ONNX_ELEM.FLOAT, [numItems, 'dim']);
  return g.toBytes(18, 'Instinct intent model: item vectors (training helper)');
}

/** dW [d, T] = dItems^T . text and db = column sums of dItems: the text projection's gradients. */
export function projectionGradGraph(text: TextTable, numItems: number): Uint8Array {
  const g = new GraphBuilder('projection_grad');
  const t = g.floatTensor('text', [numItems, text.dim], text.vectors);
  const dItems = g.input('dItems', ONNX_ELEM.FLOAT, [numItems, 'dim']);
  g.node('Gemm', [dItems, t], { transA: 1 }, 'dW');
  g.node('ReduceSum', [dItems, g.int64Tensor('axis0', [1], [0])], { keepdims: 0 }, 'db');
  g.output('dW', ONNX_ELEM.FLOAT, ['dim', text.dim]);
  g.output('db', ONNX_ELEM.FLOAT, ['dim']);
  return g.toBytes(18, 'Instinct intent model: text projection gradient (training helper)');
}

/**
 * Full-softmax cross-entropy and its gradients as one graph. Inputs: hidden [R, d], items [N, d],
 * offset [N] (item bias), targets [R] int64, invRows [1], the repeat term's (row, item) pairs
 * [K, 2] int64 with K ones and beta [1]. Outputs: loss (mean), dHidden, dItems, dOffset, dBeta — the same values as the TypeScript `softmaxCrossEntropy` kernel (checked in the tests).
 * With `sampled`, one more input negativeOffset [N] (the candidates' log-Q corrections) is added
 * to every logit but each row's own target's, as the kernel's `negativeOffset`.
 */
export function softmaxLossGraph(sampled = false): Uint8Array {
  const g = new GraphBuilder(sampled ? 'sampled_softmax_cross_entropy' : 'softmax_cross_entropy');
  const hidden = g.input('hidden', ONNX_ELEM.FLOAT, ['rows', 'dim']);
  const items = g.input('items', ONNX_ELEM.FLOAT, ['numItems', 'dim']);
  const offset = g.input('offset', ONNX_ELEM.FLOAT, ['numItems']);
  const targets = g.input('targets', ONNX_ELEM.INT64, ['rows']);
  const invRows = g.input('invRows', ONNX_ELEM.FLOAT, [1]);
  const pairs = g.input('pairs', ONNX_ELEM.INT64, ['pairs', 2]);
  const pairOnes = g.input('pairOnes', ONNX_ELEM.FLOAT, ['pairs']);
  const beta = g.input('beta', ONNX_ELEM.FLOAT, [1]);
  const negativeOffset = sampled ? g.input('negativeOffset', ONNX_ELEM.FLOAT, ['numItems']) : null;
  const base = g.node('Gemm', [hidden, items, offset], { transB: 1 });
  const history = g.node('ScatterND', [g.node('Mul', [base, g.floatTensor('zeroScalar', [], [0])]), pairs, pairOnes]);
  const depth = g.node('Gather', [g.node('Shape', [items]), g.int64Tensor('zero', [], [0])]);
  const oneHot = g.node('OneHot', [targets, depth, g.floatTensor('onOff', [2], [0, 1])], { axis: -1 });
  const repeated = g.node('Add', [base, g.node('Mul', [history, beta])]);
  // Sampled: + (1 − onehot(target)) · negativeOffset, so each row's target keeps its raw logit.
  const logits = negativeOffset === null ? repeated : g.node('Add', [repeated, g.node('Mul', [g.node('Sub', [g.floatTensor('oneScalar', [], [1]), oneHot]), negativeOffset])]);
  const probs = g.node('Softmax', [logits], { axis: -1 });
  const logProbs = g.node('LogSoftmax', [logits], { axis: -1 });
  const axis1 = g.int64Tensor('axis1', [1], [1]);
  const axis0 = g.int64Tensor('axis0', [1], [0]);
  const picked = g.node('GatherElements', [logProbs, g.node('Unsqueeze', [targets, axis1])], { axis: 1 });
  g.node('Neg', [g.node('ReduceMean', [picked], { keepdims: 0 })], {}, 'loss');
  const dLogits = g.node('Mul', [g.node('Sub', [probs, oneHot]), invRows]);
  g.node('MatMul', [dLogits, items], {}, 'dHidden');
  g.node('Gemm', [dLogits, hidden], { transA: 1 }, 'dItems');
  g.node('ReduceSum', [dLogits, axis0], { keepdims: 0 }, 'dOffset');
  g.node('ReduceSum', [g.node('GatherND', [dLogits, pairs])], { keepdims: 0 }, 'dBeta');
  g.output('loss', ONNX_ELEM.FLOAT, []);
  g.output('dBeta', ONNX_ELEM.FLOAT, []);
  g.output('dHidden', ONNX_ELEM.FLOAT, ['rows', 'dim']);
  g.output('dItems', ONNX_ELEM.FLOAT, ['numItems', 'dim']);
  g.output('dOffset', ONNX_ELEM.FLOAT, ['numItems']);
  return g.toBytes(18, sampled ? 'Instinct intent model: sampled-softmax cross-entropy with gradients (training helper)' : 'Instinct intent model: full-softmax cross-entropy with gradients (training helper)');
}
