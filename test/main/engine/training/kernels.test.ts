import { describe, expect, it } from 'vitest';
import { attentionBackward, attentionForward } from '../../../../src/main/engine/training/kernels/attention';
import { dropoutBackward, dropoutForward } from '../../../../src/main/engine/training/kernels/dropout';
import { gatherRows, scatterAddRows } from '../../../../src/main/engine/training/kernels/embedding';
import { geluBackward, geluForward } from '../../../../src/main/engine/training/kernels/gelu';
import { layerNormBackward, layerNormForward } from '../../../../src/main/engine/training/kernels/layer-norm';
import { linearBackward, linearForward, matmulABt } from '../../../../src/main/engine/training/kernels/matmul';
import { softmaxCrossEntropy } from '../../../../src/main/engine/training/kernels/softmax-cross-entropy';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { maxGradError, randomVec, weightedSum } from './grad-check';

const TOL = 1e-6;

describe('training kernels: gradients match finite differences', () => {
  it('matmulABt equals a naive triple loop (odd sizes exercise the 4-row blocking tail)', () => {
    const [m, n, k] = [7, 5, 3];
    const a = randomVec(m * k, 1);
    const b = randomVec(n * k, 2);
    const c = new Float64Array(m * n);
    matmulABt(a, b, c, m, n, k);
    for (let i = 0; i < m; i += 1)
      for (let j = 0; j < n; j += 1) {
        let s = 0;
        for (let p = 0; p < k; p += 1) s += a[i * k + p]! * b[j * k + p]!;
        expect(c[i * n + j]).toBeCloseTo(s, 12);
      }
  });

  it('linear layer: dx, dW, db', () => {
    const [rows, inDim, outDim] = [5, 4, 3];
    const x = randomVec(rows * inDim, 3);
    const w = randomVec(outDim * inDim, 4);
    const b = randomVec(outDim, 5);
    const wy = randomVec(rows * outDim, 6);
    const loss = (): number => weightedSum(linearForward(x, w, b, rows, inDim, outDim), wy);
    const dw = new Float64Array(w.length);
    const db = new Float64Array(b.length);
    const dx = linearBackward(wy, x, w, dw, db, rows, inDim, outDim)!;
    expect(maxGradError(x, dx, loss)).toBeLessThan(TOL);
    expect(maxGradError(w, dw, loss)).toBeLessThan(TOL);
    expect(maxGradError(b, db, loss)).toBeLessThan(TOL);
  });

  it('layer norm: dx, dGain, dBias', () => {
    const [rows, dim] = [3, 6];
    const x = randomVec(rows * dim, 7, 2);
    const gain = randomVec(dim, 8);
    const bias = randomVec(dim, 9);
    const wy = randomVec(rows * dim, 10);
    const loss = (): number => weightedSum(layerNormForward(x, gain, bias, rows, dim).y, wy);
    const { cache } = layerNormForward(x, gain, bias, rows, dim);
    const dg = new Float64Array(dim);
    const dbias = new Float64Array(dim);
    const dx = layerNormBackward(wy, cache, gain, dg, dbias, rows, dim);
    expect(maxGradError(x, dx, loss)).toBeLessThan(TOL);
    expect(maxGradError(gain, dg, loss)).toBeLessThan(TOL);
    expect(maxGradError(bias, dbias, loss)).toBeLessThan(TOL);
  });

  it('GELU', () => {
    const x = randomVec(20, 11, 3);
    const wy = randomVec(20, 12);
    expect(maxGradError(x, geluBackward(wy, x), () => weightedSum(geluForward(x), wy))).toBeLessThan(TOL);
  });

  it('causal multi-head attention over packed sequences of different lengths', () => {
    const shape = { offsets: Int32Array.of(0, 3, 4, 8), dim: 4, heads: 2 };
    const rows = 8;
    const qkv = randomVec(rows * 3 * shape.dim, 13);
    const wy = randomVec(rows * shape.dim, 14);
    const loss = (): number => weightedSum(attentionForward(qkv, shape).y, wy);
    const { cache } = attentionForward(qkv, shape);
    expect(maxGradError(qkv, attentionBackward(wy, qkv, cache, shape), loss)).toBeLessThan(TOL);
  });

  it('attention is causal: a row never depends on later rows or on other sequences', () => {
    const shape = { offsets: Int32Array.of(0, 3, 6), dim: 2, heads: 1 };
    const qkv = randomVec(6 * 6, 15);
    const before = attentionForward(qkv, shape).y;
    for (let c = 0; c < 6; c += 1) qkv[2 * 6 + c] = 99; // change row 2 (last of sequence 0)
    const after = attentionForward(qkv, shape).y;
    for (const row of [0, 1, 3, 4, 5]) for (let c = 0; c < 2; c += 1) expect(after[row * 2 + c]).toBe(before[row * 2 + c]);
  });

  it('embedding gather and scatter-add (repeated rows sum)', () => {
    const table = randomVec(5 * 3, 16);
    const index = Int32Array.of(4, 1, 4);
    const wy = randomVec(3 * 3, 17);
    const grad = new Float64Array(table.length);
    scatterAddRows(grad, index, wy, 3);
    expect(maxGradError(table, grad, () => weightedSum(gatherRows(table, index, 3), wy))).toBeLessThan(TOL);
  });

  it('dropout: the backward pass uses the forward mask', () => {
    const x = randomVec(1000, 18);
    const { y, mask } = dropoutForward(x, 0.3, seededRandom(1));
    const dx = dropoutBackward(new Float64Array(1000).fill(1), mask);
    let zeros = 0;
    for (let i = 0; i < 1000; i += 1) {
      expect(y[i]).toBeCloseTo(x[i]! * dx[i]!, 12);
      if (dx[i] === 0) zeros += 1;
    }
    expect(zeros).toBeGreaterThan(230);
    expect(zeros).toBeLessThan(370);
    expect(dropoutForward(x, 0, seededRandom(1)).y).toBe(x);
  });

  it('softmax cross-entropy: hidden, candidate vectors, offsets and the repeat term', () => {
    const [rows, n, dim] = [4, 6, 3];
    const hidden = randomVec(rows * dim, 19);
    const candidates = randomVec(n * dim, 20);
    const offset = randomVec(n, 21);
    const targets = Int32Array.of(0, 5, 2, 2);
    const beta = Float64Array.of(-0.7);
    const pairs = Int32Array.of(0, 1, 0, 3, 2, 2, 3, 5);
    const run = (): ReturnType<typeof softmaxCrossEntropy> => softmaxCrossEntropy({ hidden, candidates, offset, targets, rows, numCandidates: n, dim, repeat: { pairs, beta: beta[0]! } });
    const g = run();
    const loss = (): number => run().loss;
    expect(maxGradError(hidden, g.dHidden, loss)).toBeLessThan(TOL);
    expect(maxGradError(candidates, g.dCandidates, loss)).toBeLessThan(TOL);
    expect(maxGradError(offset, g.dOffset, loss)).toBeLessThan(TOL);
    expect(maxGradError(beta, [g.dBeta], loss)).toBeLessThan(TOL);
  });
});
