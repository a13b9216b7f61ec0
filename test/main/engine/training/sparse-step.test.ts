import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import type { SampledSoftmaxLoss } from '../../../../src/main/engine/training/loss/loss-config';
import { describeLoss, lossForCatalogue } from '../../../../src/main/engine/training/loss/loss-config';
import { NegativeSampler, targetCounts } from '../../../../src/main/engine/training/loss/negative-sampler';
import { packBatch } from '../../../../src/main/engine/training/data/batches';
import { splitForTraining } from '../../../../src/main/engine/training/data/training-sequences';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig } from '../../../../src/main/engine/training/model/config';
import { intentConfigsFromSpec } from '../../../../src/main/engine/training/model/spec-params';
import { typescriptCatalogueOps } from '../../../../src/main/engine/training/model/catalogue-ops';
import { catalogueVectors, itemVectorsOf, trainStep, type ModelContext, type TouchedRows } from '../../../../src/main/engine/training/model/intent-model';
import { attributeTable } from '../../../../src/main/engine/training/model/item-attributes';
import { typescriptLinearOps } from '../../../../src/main/engine/training/model/linear-ops';
import { initParameters, type ParameterSet } from '../../../../src/main/engine/training/model/parameters';
import { ADAM_DEFAULTS, adamStep, ITEM_TABLES, newAdamState, zeroGradSparse, type AdamState } from '../../../../src/main/engine/training/optimizer/adam';
import { LazyItemRows } from '../../../../src/main/engine/training/optimizer/lazy-item-rows';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import { validationNdcg, validationNdcgBatched } from '../../../../src/main/engine/training/loop/validation';
import { ortCatalogueOps } from '../../../../src/main/engine/training/onnx/ort-catalogue-ops';
import { ortLinearOps } from '../../../../src/main/engine/training/onnx/ort-linear-ops';
import { toySequences, toyText } from './toy-data';

/**
 * Sparse steps (issue 18): item vectors for the step's items only and a lazy Adam on the item
 * tables must give the dense sampled step's loss and gradients, and the dense Adam's update on the
 * rows they touch, and leave every other row as documented (value and moments unchanged).
 */
const NUM_ITEMS = 60;
// Dropout on, so the test also checks that the sparse step draws the dense step's random stream.
const CONFIG: IntentModelConfig = { ...MODEL_DEFAULTS, dim: 8, blocks: 2, heads: 2, maxLen: 10, dropout: 0.2, useAttributes: true };
const ATTRS = attributeTable(Array.from({ length: NUM_ITEMS }, (_, i) => (i % 7 === 0 ? [] : i % 2 === 0 ? [i % 4, 4 + (i % 3)] : [i % 4])), 7);
const LOSS: SampledSoftmaxLoss = { kind: 'sampled', negatives: 10, popularityShare: 0.3, inBatch: true, logQ: true, sparse: true };

function setup(seed: number): { ctx: ModelContext; batch: ReturnType<typeof packBatch>; sampler: NegativeSampler } {
  const text = toyText(NUM_ITEMS, 6);
  const params = initParameters(CONFIG, NUM_ITEMS, text.dim, seed, ATTRS.count);
  const r = seededRandom(seed + 100);
  for (const p of params.list) for (let i = 0; i < p.value.length; i += 1) p.value[i] = p.value[i]! + (r() - 0.5) * 0.2;
  const seqs = toySequences(8, NUM_ITEMS, seed);
  return { ctx: { params, config: CONFIG, text, attributes: ATTRS }, batch: packBatch(seqs, Int32Array.from({ length: 8 }, (_, i) => i), 0, 8), sampler: new NegativeSampler(LOSS, targetCounts(seqs, NUM_ITEMS)) };
}

function rowOf(params: ParameterSet, name: string, item: number): Float32Array {
  const p = params.get(name);
  const w = p.shape.length > 1 ? p.shape[1]! : 1;
  return p.grad.subarray(item * w, (item + 1) * w);
}

describe('sparse training step', () => {
  it('item vectors of some items equal the catalogue table rows (ids, text, attributes)', async () => {
    const { ctx } = setup(1);
    const table = await catalogueVectors(ctx, typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim));
    const items = Int32Array.of(5, 0, 14, 5, 59, 7);
    const some = await itemVectorsOf(ctx, items, typescriptLinearOps);
    items.forEach((item, r) => {
      for (let c = 0; c < CONFIG.dim; c += 1) expect(some[r * CONFIG.dim + c]).toBeCloseTo(table[item * CONFIG.dim + c]!, 6);
    });
  });

  it.each([1, 2, 3])('gives the dense sampled step\'s loss and every gradient, on the touched rows only (seed %i)', async (seed) => {
    const { ctx, batch, sampler } = setup(seed);
    const ops = typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    ctx.params.zeroGrad();
    const denseLoss = await trainStep(ctx, ops, typescriptLinearOps, batch, seededRandom(40 + seed), sampler);
    const dense = new Map(ctx.params.list.map((p) => [p.name, p.grad.slice()]));
    ctx.params.zeroGrad();
    const touched: TouchedRows = { items: new Int32Array(0) };
    const sparseLoss = await trainStep(ctx, ops, typescriptLinearOps, batch, seededRandom(40 + seed), sampler, touched);
    expect(sparseLoss).toBeCloseTo(denseLoss, 6);
    // The touched rows: distinct, ascending, every input item among them, and far fewer than the catalogue here.
    expect(Array.from(touched.items)).toEqual([...new Set(touched.items)].sort((a, b) => a - b));
    for (const i of batch.inputs) expect(touched.items.includes(i)).toBe(true);
    expect(touched.items.length).toBeLessThan(NUM_ITEMS);
    const isTouched = new Set(touched.items);
    for (const p of ctx.params.list) {
      const want = dense.get(p.name)!;
      if (ITEM_TABLES.has(p.name)) {
        const w = p.shape.length > 1 ? p.shape[1]! : 1;
        for (let item = 0; item < NUM_ITEMS; item += 1) {
          const got = rowOf(ctx.params, p.name, item);
          // Untouched rows: no gradient in either path (the dense one gets exact zeros there too).
          if (!isTouched.has(item)) for (let c = 0; c < w; c += 1) expect([got[c], want[item * w + c]]).toEqual([0, 0]);
          // Touched rows: the same sums in the same order (bit for bit, ids and biases).
          else expect(Array.from(got)).toEqual(Array.from(want.subarray(item * w, (item + 1) * w)));
        }
      } else {
        // Every other tensor (attribute rows and the text projection included) within float rounding.
        p.grad.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThan(1e-5 * (1 + Math.abs(want[i]!))));
      }
    }
    // The attribute rows got gradients at all (so the comparison above means something).
    expect(ctx.params.get('item.attr').grad.some((g) => g !== 0)).toBe(true);
  });

  it('on ONNX Runtime (the training engine) gives the TypeScript dense step\'s loss and gradients within 1e-4', async () => {
    const { ctx, batch, sampler } = setup(5);
    const tsOps = typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    ctx.params.zeroGrad();
    const denseLoss = await trainStep(ctx, tsOps, typescriptLinearOps, batch, seededRandom(50), sampler);
    const dense = ctx.params.list.map((p) => p.grad.slice());
    const ortOps = await ortCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const ortLinear = await ortLinearOps();
    try {
      ctx.params.zeroGrad();
      const sparseLoss = await trainStep(ctx, ortOps, ortLinear, batch, seededRandom(50), sampler, { items: new Int32Array(0) });
      expect(sparseLoss).toBeCloseTo(denseLoss, 4);
      ctx.params.list.forEach((p, k) => p.grad.forEach((g, i) => expect(Math.abs(g - dense[k]![i]!)).toBeLessThan(1e-4)));
    } finally {
      await ortOps.dispose();
      await ortLinear.dispose();
    }
  });

  it('refuses a sparse step without a sampler', async () => {
    const { ctx, batch } = setup(1);
    await expect(trainStep(ctx, typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim), typescriptLinearOps, batch, seededRandom(1), null, { items: new Int32Array(0) })).rejects.toThrow(/needs the sampled softmax/);
  });
});

describe('lazy Adam on the item tables', () => {
  /** A parameter set with random values and Adam moments (as after some steps), and gradients on a few item rows only. */
  function state(seed: number, touched: Int32Array): { params: ParameterSet; adam: AdamState } {
    const { ctx } = setup(seed);
    const params = ctx.params;
    const adam = newAdamState(params);
    const r = seededRandom(seed + 7);
    adam.step = 5;
    adam.m.forEach((m) => m.forEach((_, i, a) => (a[i] = (r() - 0.5) * 0.01)));
    adam.v.forEach((v) => v.forEach((_, i, a) => (a[i] = r() * 1e-4)));
    params.zeroGrad();
    for (const p of params.list) {
      if (!ITEM_TABLES.has(p.name)) p.grad.forEach((_, i, a) => (a[i] = (r() - 0.5) * 0.1));
      else {
        const w = p.shape.length > 1 ? p.shape[1]! : 1;
        for (const item of touched) for (let i = item * w; i < (item + 1) * w; i += 1) p.grad[i] = (r() - 0.5) * 0.1;
      }
    }
    return { params, adam };
  }

  it.each([0, 0.1])('updates touched rows exactly as the dense AdamW and leaves the others (values and moments) unchanged (weight decay %f)', (weightDecay) => {
    const touched = Int32Array.of(2, 9, 33, 58);
    const options = { ...ADAM_DEFAULTS, learningRate: 0.01, weightDecay, clipNorm: 0.5 };
    const a = state(4, touched);
    const b = state(4, touched);
    const before = a.params.list.map((p) => p.value.slice());
    const mBefore = a.adam.m.map((m) => m.slice());
    const vBefore = a.adam.v.map((v) => v.slice());
    const denseNorm = adamStep(a.params, a.adam, options);
    const lazyNorm = adamStep(b.params, b.adam, options, touched);
    expect(lazyNorm).toBeCloseTo(denseNorm, 6);
    expect(b.adam.step).toBe(a.adam.step);
    const isTouched = new Set(touched);
    let movedByDense = 0;
    b.params.list.forEach((p, k) => {
      const dense = a.params.list[k]!;
      if (!ITEM_TABLES.has(p.name)) {
        expect(Array.from(p.value)).toEqual(Array.from(dense.value));
        return;
      }
      const w = p.shape.length > 1 ? p.shape[1]! : 1;
      for (let i = 0; i < p.value.length; i += 1) {
        if (isTouched.has(Math.floor(i / w))) {
          expect([p.value[i], b.adam.m[k]![i], b.adam.v[k]![i]]).toEqual([dense.value[i], a.adam.m[k]![i], a.adam.v[k]![i]]);
        } else {
          expect([p.value[i], b.adam.m[k]![i], b.adam.v[k]![i]]).toEqual([before[k]![i], mBefore[k]![i], vBefore[k]![i]]);
          // The dense Adam moves an untouched row by its momentum: the two really differ there.
          if (dense.value[i] !== before[k]![i]) movedByDense += 1;
        }
      }
    });
    expect(movedByDense).toBeGreaterThan(0);
  });

  it('zeroGradSparse clears every gradient a sparse step can write', () => {
    const touched = Int32Array.of(1, 30);
    const { params } = state(5, touched);
    zeroGradSparse(params, touched);
    for (const p of params.list) expect(p.grad.every((g) => g === 0)).toBe(true);
    const again = state(6, Int32Array.of(3));
    zeroGradSparse(again.params, null);
    for (const p of again.params.list) expect(p.grad.every((g) => g === 0)).toBe(true);
  });
});

describe('lazy Adam with momentum catch-up', () => {
  it.each([0, 0.05])('follows the dense AdamW over many steps with sparse gradients: rows read mid-run and every row at the end (weight decay %f)', (weightDecay) => {
    const r = seededRandom(77);
    const options = { ...ADAM_DEFAULTS, learningRate: 0.01, weightDecay, clipNorm: 1 };
    const make = (): ParameterSet => setup(6).ctx.params;
    const dense = make();
    const lazy = make();
    const denseAdam = newAdamState(dense);
    const lazyAdam = newAdamState(lazy);
    const rows = new LazyItemRows(NUM_ITEMS, 0);
    const plain = make();
    const plainAdam = newAdamState(plain);
    const tableRow = (params: ParameterSet, item: number): number[] => [...params.get('item.id').value.subarray(item * CONFIG.dim, (item + 1) * CONFIG.dim), params.get('item.bias').value[item]!];
    let checked = 0;
    for (let step = 0; step < 60; step += 1) {
      // A few rows get gradients each step (some rows go many steps without one), plus every other parameter.
      const touched = Int32Array.from(new Set(Array.from({ length: 5 }, () => Math.floor(r() ** 2 * NUM_ITEMS)))).sort();
      const grads = new Map<string, Float32Array>();
      for (const p of dense.list) {
        const g = new Float32Array(p.grad.length);
        if (!ITEM_TABLES.has(p.name)) g.forEach((_, i, a) => (a[i] = (r() - 0.5) * 0.1));
        else {
          const w = p.shape.length > 1 ? p.shape[1]! : 1;
          for (const item of touched) for (let i = item * w; i < (item + 1) * w; i += 1) g[i] = (r() - 0.5) * 0.1;
        }
        grads.set(p.name, g);
      }
      // What a sparse step does: bring the rows it reads up to date, then read them.
      rows.catchUp(lazy, lazyAdam, options, touched);
      for (const item of touched) {
        const want = tableRow(dense, item);
        tableRow(lazy, item).forEach((x, c) => expect(Math.abs(x - want[c]!)).toBeLessThan(1e-5 * (1 + Math.abs(want[c]!))));
        checked += 1;
      }
      for (const [set, state] of [[dense, denseAdam], [lazy, lazyAdam], [plain, plainAdam]] as const) {
        zeroGradSparse(set, null);
        for (const p of set.list) p.grad.set(grads.get(p.name)!);
        adamStep(set, state, options, set === dense ? undefined : touched);
      }
      rows.updated(touched, lazyAdam.step);
    }
    expect(checked).toBeGreaterThan(100);
    rows.flush(lazy, lazyAdam, options);
    let plainOff = 0;
    lazy.list.forEach((p, k) => {
      const want = dense.list[k]!.value;
      p.value.forEach((x, i) => expect(Math.abs(x - want[i]!)).toBeLessThan(1e-5 * (1 + Math.abs(want[i]!))));
      lazyAdam.m[k]!.forEach((x, i) => expect(Math.abs(x - denseAdam.m[k]![i]!)).toBeLessThan(1e-7));
      plain.list[k]!.value.forEach((x, i) => (plainOff = Math.max(plainOff, Math.abs(x - want[i]!))));
    });
    // Without the catch-up (the plain lazy Adam) the rows really are elsewhere.
    expect(plainOff).toBeGreaterThan(1e-3);
  });
});

describe('sparse steps in a run', () => {
  it('a spec selects them, a fine-tune job picks them above 5,000 items, and they are named', () => {
    const { training } = intentConfigsFromSpec({ engine: 'typescript', loss: 'sampled', sparse: '1' });
    expect(training.loss).toMatchObject({ kind: 'sampled', sparse: true });
    expect(describeLoss(training.loss)).toBe('sampled(neg=2048,negPop=0,inBatch=1,logQ=1,sparse=1)');
    expect(intentConfigsFromSpec({ loss: 'sampled' }).training.loss).not.toHaveProperty('sparse');
    expect(() => intentConfigsFromSpec({ sparse: '1' })).toThrow(/needs loss=sampled/);
    expect(lossForCatalogue(100000).loss).toMatchObject({ kind: 'sampled', sparse: true });
  });

  it('learns the toy sequence rule with sparse steps and a lazy Adam', async () => {
    const result = await trainIntentModel({
      sequences: toySequences(120, 20),
      numItems: 20,
      text: toyText(20, 8),
      model: { ...MODEL_DEFAULTS, dim: 16, blocks: 1, heads: 2, maxLen: 10, dropout: 0.1 },
      training: { ...TRAINING_DEFAULTS, epochs: 8, batchSize: 16, learningRate: 0.01, patience: 100, validationUsers: 0, engine: 'typescript', refitEpochs: 1, loss: { kind: 'sampled', negatives: 8, popularityShare: 0.5, inBatch: true, logQ: true, sparse: true } },
    });
    expect(result.bestValNdcg).toBeGreaterThan(0.5);
    expect(result.refit.length).toBe(1);
  });
});

describe('batched validation', () => {
  it('gives the one-by-one validation NDCG@10 on the same cases (several blocks, a ragged last one)', async () => {
    const { ctx } = setup(2);
    const seqs = toySequences(70, NUM_ITEMS, 9);
    const cases = splitForTraining(seqs, NUM_ITEMS, CONFIG.maxLen).validation;
    const table = await catalogueVectors(ctx, typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim));
    const one = validationNdcg(ctx, table, NUM_ITEMS, cases);
    expect(one).toBeGreaterThan(0);
    expect(await validationNdcgBatched(ctx, table, NUM_ITEMS, cases, typescriptLinearOps, undefined, 16)).toBeCloseTo(one, 6);
    await expect(validationNdcgBatched(ctx, table, NUM_ITEMS, cases, typescriptLinearOps, undefined, 0)).rejects.toThrow(/positive integer/);
    const ortLinear = await ortLinearOps();
    try {
      expect(await validationNdcgBatched(ctx, table, NUM_ITEMS, cases, ortLinear)).toBeCloseTo(one, 6);
    } finally {
      await ortLinear.dispose();
    }
  });
});
