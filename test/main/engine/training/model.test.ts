import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { packBatch } from '../../../../src/main/engine/training/data/batches';
import { typescriptCatalogueOps } from '../../../../src/main/engine/training/model/catalogue-ops';
import { MODEL_DEFAULTS, type IntentModelConfig } from '../../../../src/main/engine/training/model/config';
import { catalogueTable } from '../../../../src/main/engine/training/model/catalogue-table';
import { scoreHistory, trainStep, type ModelContext } from '../../../../src/main/engine/training/model/intent-model';
import { typescriptLinearOps } from '../../../../src/main/engine/training/model/linear-ops';
import { ortLinearOps } from '../../../../src/main/engine/training/onnx/ort-linear-ops';
import { initParameters } from '../../../../src/main/engine/training/model/parameters';
import { ortCatalogueOps } from '../../../../src/main/engine/training/onnx/ort-catalogue-ops';
import { wholeStepGradError } from './grad-check';
import { toySequences, toyText } from './toy-data';

const CONFIG: IntentModelConfig = { ...MODEL_DEFAULTS, dim: 8, blocks: 2, heads: 2, maxLen: 10, dropout: 0 };
const NUM_ITEMS = 12;

function setup(): { ctx: ModelContext; batch: ReturnType<typeof packBatch> } {
  const text = toyText(NUM_ITEMS, 6);
  const params = initParameters(CONFIG, NUM_ITEMS, text.dim, 1);
  // Non-zero ids and biases so their gradients are exercised from a generic point.
  const r = seededRandom(9);
  for (const name of ['item.id', 'item.bias', 'repeat.beta']) params.get(name).value.forEach((_, i, a) => (a[i] = (r() - 0.5) * 0.2));
  const seqs = toySequences(4, NUM_ITEMS);
  return { ctx: { params, config: CONFIG, text }, batch: packBatch(seqs, Int32Array.of(0, 1, 2, 3), 0, 4) };
}

describe('intent model: whole-step gradients', () => {
  it('every parameter gradient of a training step matches finite differences (float32, sampled coordinates)', async () => {
    const { ctx, batch } = setup();
    const ops = typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const lossAt = async (): Promise<number> => {
      ctx.params.zeroGrad();
      return trainStep(ctx, ops, typescriptLinearOps, batch, Math.random);
    };
    await lossAt();
    const grads = new Map(ctx.params.list.map((p) => [p.name, p.grad.slice()]));
    const r = seededRandom(4);
    const sampled = (p: { value: Float32Array }): number[] => Array.from({ length: 6 }, () => Math.floor(r() * p.value.length));
    const { worstRelative, worstAbsoluteTiny } = await wholeStepGradError(ctx.params.list, grads, sampled, lossAt);
    expect(worstRelative).toBeLessThan(0.05);
    expect(worstAbsoluteTiny).toBeLessThan(2e-4);
  });

  it('the ONNX Runtime catalogue ops give the TypeScript kernels\' loss and gradients', async () => {
    const { ctx, batch } = setup();
    const tsOps = typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const ortOps = await ortCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const ortLinear = await ortLinearOps();
    ctx.params.zeroGrad();
    const lossTs = await trainStep(ctx, tsOps, typescriptLinearOps, batch, Math.random);
    const gradsTs = ctx.params.list.map((p) => p.grad.slice());
    ctx.params.zeroGrad();
    const lossOrt = await trainStep(ctx, ortOps, ortLinear, batch, Math.random);
    expect(lossOrt).toBeCloseTo(lossTs, 4);
    ctx.params.list.forEach((p, k) => p.grad.forEach((g, i) => expect(Math.abs(g - gradsTs[k]![i]!)).toBeLessThan(1e-4)));
    await ortOps.dispose();
    await ortLinear.dispose();
  });

  it('the serving forward pass (encodeHistory) gives the training step\'s loss', async () => {
    const { ctx } = setup();
    const seq = Int32Array.of(3, 7, 3, 4, 9, 7);
    const batch = packBatch([seq], Int32Array.of(0), 0, 1);
    const loss = await trainStep(ctx, typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim), typescriptLinearOps, batch, Math.random);
    const table = catalogueTable({ config: CONFIG, numItems: NUM_ITEMS, textDim: 6, params: ctx.params }, ctx.text);
    const scores = new Float32Array(NUM_ITEMS);
    let expected = 0;
    for (let t = 1; t < seq.length; t += 1) {
      scoreHistory(ctx, table, seq.subarray(0, t), scores);
      const max = Math.max(...scores);
      const sum = scores.reduce((a, s) => a + Math.exp(s - max), 0);
      expected -= scores[seq[t]!]! - max - Math.log(sum);
    }
    expect(loss).toBeCloseTo(expected / (seq.length - 1), 4);
  });
});
