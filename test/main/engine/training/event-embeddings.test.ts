import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/main/engine/datasets/seeded-random';
import { packBatch } from '../../../../src/main/engine/training/data/batches';
import { eventsForSplit } from '../../../../src/main/engine/training/data/event-split';
import { NUM_EVENT_TYPES, NUM_GAP_BUCKETS } from '../../../../src/main/engine/training/data/session-events';
import { splitForTraining } from '../../../../src/main/engine/training/data/training-sequences';
import { trainIntentModel } from '../../../../src/main/engine/training/loop/train-intent-model';
import { typescriptCatalogueOps } from '../../../../src/main/engine/training/model/catalogue-ops';
import { catalogueTable } from '../../../../src/main/engine/training/model/catalogue-table';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS, type IntentModelConfig } from '../../../../src/main/engine/training/model/config';
import { encodeHistory, scoreHistory, trainStep, type ModelContext } from '../../../../src/main/engine/training/model/intent-model';
import { typescriptLinearOps } from '../../../../src/main/engine/training/model/linear-ops';
import { initParameters } from '../../../../src/main/engine/training/model/parameters';
import { wholeStepGradError } from './grad-check';
import { toySequences, toyText } from './toy-data';
import { typeRuleData } from './toy-events';

const NUM_ITEMS = 12;
const CONFIG: IntentModelConfig = { ...MODEL_DEFAULTS, dim: 8, blocks: 2, heads: 2, maxLen: 10, dropout: 0, events: true };

function setup(config: IntentModelConfig) {
  const text = toyText(NUM_ITEMS, 6);
  const params = initParameters(config, NUM_ITEMS, text.dim, 1);
  // Off their initial values (the event tables start at zero), so every gradient is exercised from a generic point.
  const r = seededRandom(9);
  for (const name of ['item.id', 'item.bias', 'repeat.beta', ...(config.events === true ? ['event.type', 'event.gap'] : [])]) params.get(name).value.forEach((_, i, a) => (a[i] = (r() - 0.5) * 0.4));
  const data = typeRuleData(4, NUM_ITEMS);
  const split = splitForTraining(data.sequences, NUM_ITEMS, config.maxLen);
  const of = eventsForSplit(data.sequences, data.events, split, config.maxLen);
  const ctx: ModelContext = { params, config, text };
  return { ctx, text, data, batch: packBatch(split.train, Int32Array.from(split.train, (_, i) => i), 0, split.train.length, of) };
}

describe('event-type and time-gap embeddings in the model', () => {
  it('the training step\'s gradients of every parameter, the event tables included, match finite differences', async () => {
    const { ctx, batch } = setup(CONFIG);
    const ops = typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim);
    const lossAt = async (): Promise<number> => {
      ctx.params.zeroGrad();
      return trainStep(ctx, ops, typescriptLinearOps, batch, Math.random);
    };
    await lossAt();
    const grads = new Map(ctx.params.list.map((p) => [p.name, p.grad.slice()]));
    expect(ctx.params.get('event.type').shape).toEqual([NUM_EVENT_TYPES, CONFIG.dim]);
    expect(ctx.params.get('event.gap').shape).toEqual([NUM_GAP_BUCKETS, CONFIG.dim]);
    // Rows of types and gaps that occur get a gradient; rows that never occur get exactly none.
    const usedTypes = new Set(batch.types);
    for (let k = 0; k < NUM_EVENT_TYPES; k += 1) {
      const row = grads.get('event.type')!.subarray(k * CONFIG.dim, (k + 1) * CONFIG.dim);
      expect(row.some((g) => g !== 0)).toBe(usedTypes.has(k));
    }
    const r = seededRandom(4);
    // Every coordinate of the event tables that has a gradient; a sample of the others (model.test.ts checks them all).
    const coords = (p: { name: string; value: Float32Array }, g: Float32Array): number[] =>
      p.name.startsWith('event.') ? Array.from(p.value, (_, i) => i).filter((i) => g[i] !== 0) : Array.from({ length: 3 }, () => Math.floor(r() * p.value.length));
    const { worstRelative, worstAbsoluteTiny } = await wholeStepGradError(ctx.params.list, grads, coords, lossAt);
    expect(worstRelative).toBeLessThan(0.05);
    expect(worstAbsoluteTiny).toBeLessThan(2e-4);
  });

  it('the serving forward pass with the same types and gaps gives the training step\'s loss', async () => {
    const { ctx, data } = setup(CONFIG);
    const seq = data.sequences[0]!;
    const ev = data.events[0]!;
    const batch = packBatch([seq], Int32Array.of(0), 0, 1, new Map([[seq, ev]]));
    const loss = await trainStep(ctx, typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim), typescriptLinearOps, batch, Math.random);
    const table = catalogueTable({ config: CONFIG, numItems: NUM_ITEMS, textDim: 6, params: ctx.params }, ctx.text);
    const scores = new Float32Array(NUM_ITEMS);
    let expected = 0;
    for (let t = 1; t < seq.length; t += 1) {
      scoreHistory(ctx, table, seq.subarray(0, t), scores, { types: ev.types.subarray(0, t), gaps: ev.gaps.subarray(0, t) });
      const max = Math.max(...scores);
      const sum = scores.reduce((a, s) => a + Math.exp(s - max), 0);
      expected -= scores[seq[t]!]! - max - Math.log(sum);
    }
    expect(loss).toBeCloseTo(expected / (seq.length - 1), 4);
    // The types matter: another last type gives another intent.
    const h = seq.subarray(0, 3);
    const a = encodeHistory(ctx, table, h, { types: Int32Array.of(1, 1, 1), gaps: Int32Array.of(0, 1, 1) });
    const b = encodeHistory(ctx, table, h, { types: Int32Array.of(1, 1, 3), gaps: Int32Array.of(0, 1, 1) });
    expect(a.some((v, i) => Math.abs(v - b[i]!) > 1e-4)).toBe(true);
  });

  it('a model with events refuses to train or score without them', async () => {
    const { ctx } = setup(CONFIG);
    const table = catalogueTable({ config: CONFIG, numItems: NUM_ITEMS, textDim: 6, params: ctx.params }, ctx.text);
    expect(() => encodeHistory(ctx, table, Int32Array.of(1, 2))).toThrow(/reads event types and time gaps/);
    const batch = packBatch([Int32Array.of(1, 2, 3)], Int32Array.of(0), 0, 1);
    await expect(trainStep(ctx, typescriptCatalogueOps(ctx.text, NUM_ITEMS, CONFIG.dim), typescriptLinearOps, batch, Math.random)).rejects.toThrow(/reads event types/);
    const job = { sequences: toySequences(20, NUM_ITEMS), numItems: NUM_ITEMS, text: null, model: { ...CONFIG, useText: false }, training: { ...TRAINING_DEFAULTS, epochs: 1, engine: 'typescript' as const } };
    await expect(trainIntentModel(job)).rejects.toThrow(/no event types and times/);
  });
});

describe('with events off (the Amazon research sets) the model is exactly what it was', () => {
  const OFF: IntentModelConfig = { ...CONFIG, events: false };

  it('has no new parameters and ignores types and gaps handed to it, bit for bit', async () => {
    const { ctx, batch } = setup(OFF);
    expect(ctx.params.list.map((p) => p.name).filter((n) => n.startsWith('event.'))).toEqual([]);
    // Absent from the config (a file written before the flag existed) is the same model.
    const { events: _ignored, ...legacy } = OFF;
    expect(initParameters(legacy, NUM_ITEMS, 6, 1).list.map((p) => p.name)).toEqual(initParameters(OFF, NUM_ITEMS, 6, 1).list.map((p) => p.name));
    const ops = typescriptCatalogueOps(ctx.text, NUM_ITEMS, OFF.dim);
    ctx.params.zeroGrad();
    const withEvents = await trainStep(ctx, ops, typescriptLinearOps, batch, Math.random);
    const gradsWith = ctx.params.list.map((p) => p.grad.slice());
    ctx.params.zeroGrad();
    const { types: _t, gaps: _g, ...plain } = batch;
    const without = await trainStep(ctx, ops, typescriptLinearOps, plain, Math.random);
    expect(withEvents).toBe(without);
    ctx.params.list.forEach((p, k) => expect(Buffer.from(p.grad.buffer).equals(Buffer.from(gradsWith[k]!.buffer))).toBe(true));
    const table = catalogueTable({ config: OFF, numItems: NUM_ITEMS, textDim: 6, params: ctx.params }, ctx.text);
    const h = Int32Array.of(3, 4, 5);
    expect(Array.from(encodeHistory(ctx, table, h, { types: Int32Array.of(1, 2, 3), gaps: Int32Array.of(0, 1, 2) }))).toEqual(Array.from(encodeHistory(ctx, table, h)));
  });

  it('a short training run gives, bit for bit, the parameters the code gave before event embeddings existed', async () => {
    // Golden values from the same run at the commit before this feature (TypeScript engine, deterministic).
    const NUM = 20;
    const result = await trainIntentModel({
      sequences: toySequences(60, NUM),
      numItems: NUM,
      text: toyText(NUM, 8),
      model: { ...MODEL_DEFAULTS, dim: 16, blocks: 1, heads: 2, maxLen: 6, dropout: 0.1 },
      // No refit phase: the golden run predates it (it is a training-loop option, not part of the model).
      training: { ...TRAINING_DEFAULTS, epochs: 2, batchSize: 16, learningRate: 0.01, patience: 100, validationUsers: 0, engine: 'typescript', refitEpochs: 0 },
    });
    expect(result.history.map((h) => h.meanLoss)).toEqual([3.139255951313573, 2.4228748025435336]);
    expect(result.history.map((h) => h.valNdcg)).toEqual([0.5259938891754247, 0.6182074629488011]);
    const digest = createHash('sha256');
    for (const p of result.model.params.list) {
      digest.update(p.name);
      digest.update(Buffer.from(p.value.buffer, p.value.byteOffset, p.value.byteLength));
    }
    expect(result.model.params.list).toHaveLength(20);
    expect(digest.digest('hex')).toBe('2e465c80cd0d6ccf0142bce8fde37f96086f654e50550acddf0011a80ad3e97e');
  });
});
