import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { softmaxCrossEntropy } from '../../../../src/main/engine/training/kernels/softmax-cross-entropy';
import { SAMPLED_SOFTMAX_DEFAULTS, type SampledSoftmaxLoss } from '../../../../src/main/engine/training/loss/loss-config';
import { MASKED, NegativeSampler, targetCounts } from '../../../../src/main/engine/training/loss/negative-sampler';
import { packBatch } from '../../../../src/main/engine/training/data/batches';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig } from '../../../../src/main/engine/training/model/config';
import { describeIntent, intentConfigsFromSpec } from '../../../../src/main/engine/training/model/spec-params';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import { typescriptCatalogueOps } from '../../../../src/main/engine/training/model/catalogue-ops';
import { trainStep, type ModelContext } from '../../../../src/main/engine/training/model/intent-model';
import { typescriptLinearOps } from '../../../../src/main/engine/training/model/linear-ops';
import { initParameters } from '../../../../src/main/engine/training/model/parameters';
import { ortCatalogueOps } from '../../../../src/main/engine/training/onnx/ort-catalogue-ops';
import { ortLinearOps } from '../../../../src/main/engine/training/onnx/ort-linear-ops';
import { maxGradError, randomVec, wholeStepGradError } from './grad-check';
import { toySequences, toyText } from './toy-data';

const TOL = 1e-6;

describe('sampled softmax kernel', () => {
  it('gradients with log-Q offsets (a masked column included) match finite differences', () => {
    const [rows, n, dim] = [4, 7, 3];
    const hidden = randomVec(rows * dim, 31);
    const candidates = randomVec(n * dim, 32);
    const offset = randomVec(n, 33);
    const negativeOffset = Float64Array.from(randomVec(n, 34, 2));
    negativeOffset[4] = MASKED;
    const targets = Int32Array.of(0, 4, 2, 2);
    const beta = Float64Array.of(0.4);
    const pairs = Int32Array.of(0, 1, 1, 3, 2, 2, 3, 6);
    const run = (): ReturnType<typeof softmaxCrossEntropy> =>
      softmaxCrossEntropy({ hidden, candidates, offset, negativeOffset, targets, rows, numCandidates: n, dim, repeat: { pairs, beta: beta[0]! } });
    const g = run();
    const loss = (): number => run().loss;
    expect(maxGradError(hidden, g.dHidden, loss)).toBeLessThan(TOL);
    expect(maxGradError(candidates, g.dCandidates, loss)).toBeLessThan(TOL);
    expect(maxGradError(offset, g.dOffset, loss)).toBeLessThan(TOL);
    expect(maxGradError(beta, [g.dBeta], loss)).toBeLessThan(TOL);
    // The masked column gets no probability from the rows it is a negative of, but row 1's target keeps its raw logit.
    expect(Math.abs(g.dOffset[4]!)).toBeGreaterThan(1e-3);
  });

  it('the row\'s own target keeps its raw logit; every other column gets its offset', () => {
    const [n, dim] = [5, 2];
    const hidden = Float64Array.of(0.3, -0.2);
    const candidates = randomVec(n * dim, 35);
    const offset = randomVec(n, 36);
    const negativeOffset = Float64Array.of(-1, -2, -3, MASKED, 0.5);
    const r = softmaxCrossEntropy({ hidden, candidates, offset, negativeOffset, targets: Int32Array.of(2), rows: 1, numCandidates: n, dim });
    const logit = (c: number): number => hidden[0]! * candidates[c * dim]! + hidden[1]! * candidates[c * dim + 1]! + offset[c]!;
    const z = [0, 1, 2, 4].reduce((s, c) => s + Math.exp(logit(c) + (c === 2 ? 0 : negativeOffset[c]!)), 0);
    expect(r.loss).toBeCloseTo(-(logit(2) - Math.log(z)), 12);
  });
});

describe('negative sampler', () => {
  const counts = Float64Array.of(10, 0, 5, 5, 20, 0, 0, 10);
  const config: SampledSoftmaxLoss = { kind: 'sampled', negatives: 6, popularityShare: 0.5, inBatch: true, logQ: true };

  it('in-batch: corrects each column by log(count) − log(expected count), keeps every target as a column, masks what is only a target', () => {
    const sampler = new NegativeSampler({ ...config, negatives: 0 }, counts);
    const targets = Int32Array.of(4, 0, 4, 1);
    const set = sampler.candidates(targets, seededRandom(3));
    expect(Array.from(set.items)).toEqual([4, 0, 1]);
    expect(Array.from(set.targets)).toEqual([0, 1, 0, 2]);
    // Other rows' targets are 3 draws (R − 1) from the target counts (total 50); item 1 is never a target in training.
    expect(set.correction[0]).toBeCloseTo(Math.log(2) - Math.log((3 * 20) / 50), 6);
    expect(set.correction[1]).toBeCloseTo(Math.log(1) - Math.log((3 * 10) / 50), 6);
    expect(set.correction[2]).toBe(Math.fround(MASKED));
    const uncorrected = new NegativeSampler({ ...config, negatives: 0, logQ: false }, counts).candidates(targets, seededRandom(3));
    expect(uncorrected.correction[0]).toBeCloseTo(Math.log(2), 6);
  });

  it('drawn negatives: each item\'s count averages its expected count K q(j), its correction log(m / K q(j))', () => {
    const sampler = new NegativeSampler({ ...config, negatives: 40, popularityShare: 0.3, inBatch: false }, counts);
    const random = seededRandom(5);
    const total = new Float64Array(counts.length);
    const trials = 4000;
    for (let t = 0; t < trials; t += 1) {
      const set = sampler.candidates(Int32Array.of(0), random);
      set.items.forEach((j, c) => {
        if (set.correction[c] !== MASKED) total[j] = total[j]! + Math.exp(set.correction[c]!) * 40 * sampler.proposal(j);
      });
    }
    for (let j = 0; j < counts.length; j += 1) expect(total[j]! / trials).toBeCloseTo(40 * sampler.proposal(j), 0);
  });

  it('maps the repeat term\'s pairs to the candidate columns and drops items outside the sample', () => {
    const sampler = new NegativeSampler({ ...config, negatives: 0 }, counts);
    const set = sampler.candidates(Int32Array.of(4, 2), seededRandom(1));
    expect(Array.from(sampler.candidatePairs(Int32Array.of(0, 4, 0, 7, 1, 2, 1, 4), set))).toEqual([0, 0, 1, 1, 1, 0]);
  });

  it('target counts are the second and later items of each sequence', () => {
    expect(Array.from(targetCounts([Int32Array.of(0, 1, 1), Int32Array.of(2, 0)], 3))).toEqual([1, 2, 0]);
  });
});

/**
 * The log-Q correction on a toy catalogue with a known sampling distribution: 30 items with Zipf
 * target counts, logits that favour popular items, one studied row (target 5) and, for in-batch
 * negatives, 3 more rows whose targets are drawn from the target counts as a real batch's are.
 */
describe('log-Q correction: expectations on a toy case', () => {
  const N = 30;
  const d = 4;
  const r0 = seededRandom(1);
  const items = Float64Array.from({ length: N * d }, () => r0() * 2 - 1);
  const counts = Float64Array.from({ length: N }, (_, j) => 100 / (j + 1));
  const total = counts.reduce((a, b) => a + b, 0);
  const bias = Float64Array.from({ length: N }, (_, j) => Math.log(counts[j]!) * 0.8);
  const hidden = Float64Array.of(0.5, -0.3, 0.8, 0.1);
  const target = 5;
  const full = softmaxCrossEntropy({ hidden, candidates: items, offset: bias, targets: Int32Array.of(target), rows: 1, numCandidates: N, dim: d });
  const logit = (j: number): number => bias[j]! + hidden.reduce((s, h, c) => s + h * items[j * d + c]!, 0);
  let negatives = 0;
  for (let j = 0; j < N; j += 1) if (j !== target) negatives += Math.exp(logit(j));

  /** M sampled-softmax evaluations of the studied row: the mean and standard error of its normaliser over the negatives, and the mean per-item gradient of the item bias. */
  function sample(config: SampledSoftmaxLoss, rows: number, trials: number, seed: number): { zMean: number; zSe: number; gradL1: number } {
    const sampler = new NegativeSampler(config, counts);
    const random = seededRandom(seed);
    let zSum = 0;
    let zSq = 0;
    const grad = new Float64Array(N);
    for (let m = 0; m < trials; m += 1) {
      const targets = new Int32Array(rows);
      targets[0] = target;
      for (let r = 1; r < rows; r += 1) {
        let u = random() * total;
        let j = 0;
        while (u >= counts[j]! && j < N - 1) u -= counts[j++]!;
        targets[r] = j;
      }
      const set = sampler.candidates(targets, random);
      const candidates = new Float64Array(set.items.length * d);
      set.items.forEach((j, c) => candidates.set(items.subarray(j * d, j * d + d), c * d));
      const g = softmaxCrossEntropy({
        hidden,
        candidates,
        offset: Float64Array.from(set.items, (j) => bias[j]!),
        negativeOffset: Float64Array.from(set.correction),
        targets: set.targets.subarray(0, 1),
        rows: 1,
        numCandidates: set.items.length,
        dim: d,
      });
      // loss = −o_t + log(exp(o_t) + Ẑ): the kernel's own estimate of the negatives' normaliser.
      const z = Math.exp(logit(target)) * (Math.exp(g.loss) - 1);
      zSum += z;
      zSq += z * z;
      set.items.forEach((j, c) => (grad[j] = grad[j]! + g.dOffset[c]!));
    }
    const zMean = zSum / trials;
    let gradL1 = 0;
    for (let j = 0; j < N; j += 1) gradL1 += Math.abs(grad[j]! / trials - full.dOffset[j]!);
    return { zMean, zSe: Math.sqrt((zSq / trials - zMean * zMean) / trials), gradL1 };
  }

  const drawn: SampledSoftmaxLoss = { kind: 'sampled', negatives: 10, popularityShare: 0.8, inBatch: false, logQ: true };
  const inBatch: SampledSoftmaxLoss = { ...SAMPLED_SOFTMAX_DEFAULTS, negatives: 10, popularityShare: 0 };

  for (const [name, config, rows] of [['popularity/uniform draws', drawn, 1], ['in-batch + uniform draws (mixed)', inBatch, 4]] as const) {
    it(`${name}: with log Q the negatives' normaliser is unbiased (z-test); without it, it is not`, () => {
      const on = sample(config, rows, 20000, 11);
      expect(Math.abs(on.zMean - negatives) / on.zSe).toBeLessThan(4);
      const off = sample({ ...config, logQ: false }, rows, 20000, 11);
      expect(Math.abs(off.zMean - negatives) / off.zSe).toBeGreaterThan(20);
    });

    it(`${name}: the expected gradient approaches the full softmax's as the sample grows with log Q, and stays off without`, () => {
      const small = sample(config, rows, 20000, 12);
      const large = sample({ ...config, negatives: 200 }, rows, 20000, 12);
      // Self-normalised importance sampling: bias O(1/K), so 20x the negatives cut the error several-fold
      // (the full gradient's L1 norm is 2(1 − p_target) ≈ 2: 0.02 is 1 %).
      expect(large.gradL1).toBeLessThan(0.02);
      expect(large.gradL1).toBeLessThan(small.gradL1 / 3);
      // Without the correction the error is several times larger at either size and does not vanish.
      for (const on of [small, large]) {
        const k = on === small ? config.negatives : 200;
        expect(sample({ ...config, negatives: k, logQ: false }, rows, 4000, 13).gradL1).toBeGreaterThan(Math.max(0.02, 2.5 * on.gradL1));
      }
    });
  }
});

describe('intent model with a sampled softmax', () => {
  const CONFIG: IntentModelConfig = { ...MODEL_DEFAULTS, dim: 8, blocks: 1, heads: 2, maxLen: 10, dropout: 0 };
  const NUM_ITEMS = 40;
  const LOSS: SampledSoftmaxLoss = { kind: 'sampled', negatives: 12, popularityShare: 0.5, inBatch: true, logQ: true };

  function setup(): { ctx: ModelContext; batch: ReturnType<typeof packBatch>; sampler: NegativeSampler } {
    const text = toyText(NUM_ITEMS, 6);
    const params = initParameters(CONFIG, NUM_ITEMS, text.dim, 1);
    const r = seededRandom(9);
    for (const name of ['item.id', 'item.bias', 'repeat.beta']) params.get(name).value.forEach((_, i, a) => (a[i] = (r() - 0.5) * 0.2));
    const seqs = toySequences(6, NUM_ITEMS);
    return { ctx: { params, config: CONFIG, text }, batch: packBatch(seqs, Int32Array.of(0, 1, 2, 3, 4, 5), 0, 6), sampler: new NegativeSampler(LOSS, targetCounts(seqs, NUM_ITEMS)) };
  }

  it('every parameter gradient of a sampled training step matches finite differences (same negatives each time)', async () => {
    const { ctx, batch, sampler } = setup();
    const ops = typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const lossAt = async (): Promise<number> => {
      ctx.params.zeroGrad();
      return trainStep(ctx, ops, typescriptLinearOps, batch, seededRandom(21), sampler);
    };
    await lossAt();
    const grads = new Map(ctx.params.list.map((p) => [p.name, p.grad.slice()]));
    // Items outside the sample get no gradient from the loss: their bias gradient is exactly zero.
    expect(grads.get('item.bias')!.filter((g) => g === 0).length).toBeGreaterThan(0);
    const r = seededRandom(4);
    const coords = (p: { value: Float32Array }, g: Float32Array): number[] => {
      // Sampled coordinates, plus a few with a gradient for the catalogue-sized tensors (most are 0).
      const nonZero = Array.from(g.keys()).filter((i) => g[i] !== 0);
      return [...Array.from({ length: 4 }, () => Math.floor(r() * p.value.length)), ...nonZero.slice(0, 3)];
    };
    const { worstRelative, worstAbsoluteTiny } = await wholeStepGradError(ctx.params.list, grads, coords, lossAt);
    expect(worstRelative).toBeLessThan(0.05);
    expect(worstAbsoluteTiny).toBeLessThan(2e-4);
  });

  it('the ONNX Runtime sampled-softmax graph gives the TypeScript kernel\'s loss and gradients', async () => {
    const { ctx, batch, sampler } = setup();
    const tsOps = typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const ortOps = await ortCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const ortLinear = await ortLinearOps();
    ctx.params.zeroGrad();
    const lossTs = await trainStep(ctx, tsOps, typescriptLinearOps, batch, seededRandom(22), sampler);
    const gradsTs = ctx.params.list.map((p) => p.grad.slice());
    ctx.params.zeroGrad();
    const lossOrt = await trainStep(ctx, ortOps, ortLinear, batch, seededRandom(22), sampler);
    expect(lossOrt).toBeCloseTo(lossTs, 4);
    ctx.params.list.forEach((p, k) => p.grad.forEach((g, i) => expect(Math.abs(g - gradsTs[k]![i]!)).toBeLessThan(1e-4)));
    await ortOps.dispose();
    await ortLinear.dispose();
  });

  it('learns the toy sequence rule, and a spec selects it', async () => {
    const { model, training } = intentConfigsFromSpec({ engine: 'typescript', loss: 'sampled', neg: '8', negPop: '0.5' });
    expect(training.loss).toEqual({ kind: 'sampled', negatives: 8, popularityShare: 0.5, inBatch: true, logQ: true });
    expect(describeIntent(model, training)).toMatch(/,loss=sampled\(neg=8,negPop=0.5,inBatch=1,logQ=1\)\)$/);
    expect(intentConfigsFromSpec({}).training.loss).toBeUndefined();
    expect(() => intentConfigsFromSpec({ neg: '8' })).toThrow(/needs loss=sampled/);
    const result = await trainIntentModel({
      sequences: toySequences(120, 20),
      numItems: 20,
      text: toyText(20, 8),
      model: { ...MODEL_DEFAULTS, dim: 16, blocks: 1, heads: 2, maxLen: 10, dropout: 0.1 },
      training: { ...TRAINING_DEFAULTS, epochs: 8, batchSize: 16, learningRate: 0.01, patience: 100, validationUsers: 0, engine: 'typescript', refitEpochs: 1, loss: training.loss },
    });
    expect(result.bestValNdcg).toBeGreaterThan(0.5);
    expect(result.refit.length).toBe(1);
  });
});
