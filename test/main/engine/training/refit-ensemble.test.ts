import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestModel, loadCheckpoint } from '../../../../src/main/engine/training/checkpoint/checkpoint';
import { splitForTraining } from '../../../../src/main/engine/training/data/training-sequences';
import { IntentBlendRecommender } from '../../../../src/main/engine/eval/learned/intent-blend-recommender';
import { ItemKnnRecommender } from '../../../../src/main/engine/eval/baselines/item-knn';
import { IntentRecommender } from '../../../../src/main/engine/eval/learned/intent-recommender';
import { trainIntentModel, type TrainingJob } from '../../../../src/main/engine/training/loop/train-intent-model';
import { TrainingCancelledError, type TrainingProgress } from '../../../../src/main/engine/training/loop/progress';
import { catalogueTable } from '../../../../src/main/engine/training/model/catalogue-table';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { initParameters } from '../../../../src/main/engine/training/model/parameters';
import { scoreHistory } from '../../../../src/main/engine/training/model/intent-model';
import { intentConfigsFromSpec, ensembleFromSpec } from '../../../../src/main/engine/training/model/spec-params';
import { toySequences } from './toy-data';

const NUM_ITEMS = 21;
/** Item 20 occurs only as some sequences' last item: a held-out validation target, never a training one. */
const HELD_OUT_ONLY = 20;

function sequences(): Int32Array[] {
  return toySequences(120, NUM_ITEMS - 1).map((s, i) => (i % 4 === 0 ? Int32Array.from([...s, HELD_OUT_ONLY]) : s));
}

function job(training: Partial<TrainingJob['training']> = {}): TrainingJob {
  return {
    sequences: sequences(),
    numItems: NUM_ITEMS,
    text: null,
    model: { ...MODEL_DEFAULTS, dim: 16, blocks: 1, heads: 2, maxLen: 10, dropout: 0.1, useText: false },
    training: { ...TRAINING_DEFAULTS, epochs: 3, batchSize: 16, learningRate: 0.01, patience: 100, validationUsers: 0, engine: 'typescript', refitEpochs: 0, ...training },
  };
}

function idRow(params: { get(name: string): { value: Float32Array } }, item: number, d: number): Float32Array {
  return params.get('item.id').value.subarray(item * d, (item + 1) * d);
}

describe('refit phase', () => {
  it('the whole sequences keep the held-out last items', () => {
    const split = splitForTraining(sequences(), NUM_ITEMS, 10);
    expect(split.itemCounts[HELD_OUT_ONLY]).toBe(0);
    expect(split.fullCounts[HELD_OUT_ONLY]).toBe(30);
    expect(split.full.length).toBe(120);
    expect(split.full.every((s) => s.length <= 11)).toBe(true);
  });

  it('trains on the held-out items after early stopping and returns the refit weights', async () => {
    const plain = await trainIntentModel(job());
    const progress: TrainingProgress[] = [];
    // `epochs` bounds the whole run: 3 validated epochs + 2 refit epochs.
    const refit = await trainIntentModel(job({ epochs: 5, refitEpochs: 2 }), { onProgress: (p) => progress.push(p) });
    // The main phase is the same run: same history, same best epoch.
    expect(refit.history).toHaveLength(3);
    refit.history.forEach((h, i) => expect(h.valNdcg).toBeCloseTo(plain.history[i]!.valNdcg, 6));
    expect(refit.bestEpoch).toBe(plain.bestEpoch);
    expect(refit.refit.map((r) => r.epoch)).toEqual([4, 5]);
    // Without refit the held-out-only item is cold (its id embedding keeps its initial value); with refit it is learned.
    const init = idRow(initParameters(job().model, NUM_ITEMS, 0, TRAINING_DEFAULTS.seed), HELD_OUT_ONLY, 16);
    expect(idRow(plain.model.params, HELD_OUT_ONLY, 16)).toEqual(init);
    expect(idRow(refit.model.params, HELD_OUT_ONLY, 16)).not.toEqual(init);
    // Refit steps are reported as steps of the epochs after the last validated one.
    const refitSteps = progress.filter((p) => p.phase === 'step' && p.epoch > 3);
    expect(refitSteps.length).toBe(2 * Math.ceil(120 / 16));
    // ... and say which refit epoch of how many (the fine-tune job shows "refit k/n").
    expect(refitSteps.map((p) => p.refit?.epoch)).toEqual(refitSteps.map((p) => p.epoch - 3));
    expect(refitSteps.every((p) => p.refit?.of === 2)).toBe(true);
    expect(progress.filter((p) => p.epoch <= 3).some((p) => p.refit !== undefined)).toBe(false);
    expect(refit.steps).toBe(plain.steps + refitSteps.length);
  });

  it('an early-stopped run refits after its stop; a run without room for the refit skips it', async () => {
    const stopped = await trainIntentModel(job({ epochs: 30, patience: 1, learningRate: 0.2, refitEpochs: 2 }));
    expect(stopped.history.length).toBeLessThan(28);
    expect(stopped.refit.map((r) => r.epoch)).toEqual([stopped.history.length + 1, stopped.history.length + 2]);
    const short = await trainIntentModel(job({ epochs: 1, refitEpochs: 2 }));
    expect(short.history).toHaveLength(1);
    expect(short.refit).toHaveLength(0);
  });

  it('checkpoints the refit phase: resuming inside it equals the unbroken run, and a finished run continues as a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intent-refit-'));
    const path = join(dir, 'run.ckpt');
    const base = job({ epochs: 5, refitEpochs: 2 });
    const unbroken = await trainIntentModel(base);
    // Cancelled during the second refit epoch: the checkpoint holds the first.
    const controller = new AbortController();
    const cancelled = trainIntentModel({ ...base, checkpointPath: path }, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch === 5 && p.step === 2) controller.abort();
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(TrainingCancelledError);
    const mid = loadCheckpoint(path);
    expect(mid.epoch).toBe(4);
    expect(mid.refit).toEqual({ from: 3, count: 2 });
    const resumed = await trainIntentModel({ ...base, resumeFrom: mid });
    expect(resumed.history).toHaveLength(3);
    expect(resumed.refit.map((r) => r.epoch)).toEqual([5]);
    resumed.model.params.list.forEach((p, k) => expect(p.value).toEqual(unbroken.model.params.list[k]!.value));

    // A checkpoint taken when the validated phase stopped goes straight to the refit.
    const stopAt = await trainIntentModel({ ...base, training: { ...base.training, epochs: 3, refitEpochs: 0 }, checkpointPath: path });
    expect(stopAt.history).toHaveLength(3);
    const atStop = loadCheckpoint(path);
    const fromStop = await trainIntentModel({ ...base, resumeFrom: { ...atStop, training: { ...atStop.training, epochs: 5, refitEpochs: 2, patience: 0 } } });
    expect(fromStop.history).toHaveLength(3);
    expect(fromStop.refit.map((r) => r.epoch)).toEqual([4, 5]);

    // The final checkpoint's best weights are the refit weights; given more epochs it trains on as a new run.
    await trainIntentModel({ ...base, checkpointPath: path });
    const done = loadCheckpoint(path);
    expect(done.epoch).toBe(5);
    expect(bestModel(done).params.list[0]!.value).toEqual(unbroken.model.params.list[0]!.value);
    const more = await trainIntentModel({ ...base, resumeFrom: { ...done, training: { ...done.training, epochs: 9 }, best: { ...done.best, epoch: 5, valNdcg: -1 } } });
    expect(more.history.map((h) => h.epoch)).toEqual([1, 2, 3, 6, 7]);
    expect(more.refit.map((r) => r.epoch)).toEqual([8, 9]);
  });

  it('refit from scratch retrains for the best epoch count', async () => {
    const r = await trainIntentModel(job({ refitScratch: true }));
    expect(r.refit).toHaveLength(r.bestEpoch);
    expect(idRow(r.model.params, HELD_OUT_ONLY, 16)).not.toEqual(idRow(initParameters(job().model, NUM_ITEMS, 0, TRAINING_DEFAULTS.seed), HELD_OUT_ONLY, 16));
  });

  it('a run cancelled during the refit phase stops', async () => {
    const controller = new AbortController();
    const run = trainIntentModel(job({ epochs: 2, refitEpochs: 1 }), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.epoch === 2 && p.step === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
  });

  it('spec keys set refit, its scratch variant, the LR decay and the ensemble size', () => {
    const { training } = intentConfigsFromSpec({ refit: '2', refitScratch: '1', lrDecay: '0.9' });
    expect(training).toMatchObject({ refitEpochs: 2, refitScratch: true, lrDecay: 0.9 });
    expect(ensembleFromSpec({ ensemble: '3' })).toBe(3);
    // The `intent` default is a 2-seed ensemble; ensemble=1 is the single model.
    expect(ensembleFromSpec({})).toBe(2);
    expect(ensembleFromSpec({ ensemble: '1' })).toBe(1);
    expect(() => ensembleFromSpec({ ensemble: '1.5' })).toThrow(/positive integer/);
  });
});

describe('seed ensemble', () => {
  it('scores with the mean of its members, each trained with its own seed (in parallel worker threads)', async () => {
    const j = job({ epochs: 2, refitEpochs: 1 });
    const rec = new IntentRecommender(j.model, j.training, () => {}, 2);
    expect(rec.name).toMatch(/,ensemble=2\)$/);
    expect(new IntentRecommender(j.model, j.training, () => {}, 1).name).toMatch(/lrDecay=1,ensemble=1\)$/);
    const train = { numItems: NUM_ITEMS, sequences: j.sequences as Int32Array[], recency: new Float64Array(NUM_ITEMS) };
    const tempDirs = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('intent-ensemble-'));
    const before = tempDirs();
    await rec.prepare({ source: 'toy', itemIds: Array.from({ length: NUM_ITEMS }, (_, i) => `i${i}`), train });
    rec.fit(train);
    // The members' model files went to a temporary folder that is gone again.
    expect(tempDirs()).toEqual(before);
    expect(rec.trainings).toHaveLength(2);
    // Each member is the in-process training of its seed, bit for bit (refit included).
    for (let m = 0; m < 2; m += 1) {
      const sequential = await trainIntentModel(job({ epochs: 2, refitEpochs: 1, seed: TRAINING_DEFAULTS.seed + m }));
      expect(rec.trainings[m]!.refit.map((r) => r.meanLoss)).toEqual(sequential.refit.map((r) => r.meanLoss));
      rec.trainings[m]!.model.params.list.forEach((p, k) => expect(p.value).toEqual(sequential.model.params.list[k]!.value));
    }
    const history = Int32Array.of(3, 4, 5);
    const members = rec.trainings.map((t) => {
      const ctx = { params: t.model.params, config: t.model.config, text: null };
      return scoreHistory(ctx, catalogueTable(t.model, null), history, new Float32Array(NUM_ITEMS));
    });
    expect(members[0]).not.toEqual(members[1]);
    const scores = rec.scoreAll(history);
    for (let i = 0; i < NUM_ITEMS; i += 1) expect(scores[i]).toBeCloseTo((members[0]![i]! + members[1]![i]!) / 2, 5);
  });
});

describe('intent + item-kNN blend', () => {
  it('mixes the softmax of the intent scores with the normalised kNN votes', async () => {
    const j = job({ epochs: 1 });
    const train = { numItems: NUM_ITEMS, sequences: j.sequences as Int32Array[], recency: new Float64Array(NUM_ITEMS) };
    const context = { source: 'toy', itemIds: Array.from({ length: NUM_ITEMS }, (_, i) => `i${i}`), train };
    const intent = new IntentRecommender(j.model, j.training, () => {});
    const blend = new IntentBlendRecommender(intent, 0.25);
    expect(blend.name).toMatch(/^intentblend\(w=0.25,intent\(/);
    await blend.prepare(context);
    blend.fit(train);
    const knn = new ItemKnnRecommender();
    knn.fit(train);
    const history = Int32Array.of(3, 4, 5);
    const logits = Array.from(intent.scoreAll(history));
    const max = Math.max(...logits);
    const z = logits.reduce((a, x) => a + Math.exp(x - max), 0);
    const votes = new Float32Array(NUM_ITEMS);
    knn.addVotes(history, votes);
    const v = votes.reduce((a, x) => a + x, 0);
    expect(v).toBeGreaterThan(0);
    const scores = blend.scoreAll(history);
    for (let i = 0; i < NUM_ITEMS; i += 1) expect(scores[i]).toBeCloseTo((0.75 * Math.exp(logits[i]! - max)) / z + (0.25 * votes[i]!) / v, 6);
  });
});
