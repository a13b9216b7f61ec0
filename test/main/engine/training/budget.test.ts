import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bestModel, loadCheckpoint } from '../../../../src/main/engine/training/checkpoint/checkpoint';
import { trainIntentModel, type TrainingJob } from '../../../../src/main/engine/training/loop/train-intent-model';
import type { TrainingProgress } from '../../../../src/main/engine/training/loop/progress';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { toySequences } from './toy-data';

const NUM_ITEMS = 20;

function job(training: Partial<TrainingJob['training']> = {}, extra: Partial<TrainingJob> = {}): TrainingJob {
  return {
    sequences: toySequences(160, NUM_ITEMS),
    numItems: NUM_ITEMS,
    text: null,
    model: { ...MODEL_DEFAULTS, dim: 16, blocks: 1, heads: 1, maxLen: 10, dropout: 0.1, useText: false },
    training: { ...TRAINING_DEFAULTS, epochs: 6, batchSize: 16, learningRate: 0.01, patience: 100, validationUsers: 0, engine: 'typescript', refitEpochs: 2, ...training },
    ...extra,
  };
}

/**
 * A clock that stands still until the test moves it: the budget is wall time, so the test decides
 * exactly when it is spent (at a given step), and the outcome does not depend on the machine's load.
 */
function fakeClock(): { advance: (ms: number) => void } {
  let now = 1_000_000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return { advance: (ms) => (now += ms) };
}

const paramsOf = (m: { params: { list: { name: string; value: Float32Array }[] } }) => m.params.list.map((p) => [p.name, Array.from(p.value)]);

describe('a time budget ends training cleanly with the best model so far (issue 18)', () => {
  afterEach(() => vi.restoreAllMocks());

  // Broken variants this catches: a budget that is ignored (3 more epochs and a refit), one that
  // throws or returns no model, one that still refits after it is spent, one that returns the
  // last (partial) epoch's weights instead of the best validated ones, one that reports nothing.
  it('stops inside the epoch where it is spent, validates it, keeps the best validated epoch and skips the refit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'instinct-budget-'));
    try {
      const clock = fakeClock();
      const stepsPerEpoch = Math.ceil(160 / 16);
      const onProgress = (p: TrainingProgress) => {
        // Spend the 30 s budget during epoch 3's second step.
        if (p.phase === 'step' && p.epoch === 3 && p.step === 2) clock.advance(31_000);
      };
      const result = await trainIntentModel(job({}, { budgetSeconds: 30, checkpointPath: join(dir, 'run.ckpt') }), { onProgress });
      expect(result.budgetEnded).toEqual({ budgetSeconds: 30, epoch: 3, step: 2, stepsPerEpoch, phase: 'validated' });
      expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
      expect(result.steps).toBe(2 * stepsPerEpoch + 2);
      expect(result.refit).toEqual([]);
      // The best validated epoch's weights (the checkpoint's best), not the last epoch's.
      const best = result.history.reduce((a, b) => (b.valNdcg > a.valNdcg ? b : a));
      expect(result.bestEpoch).toBe(best.epoch);
      expect(result.bestValNdcg).toBe(best.valNdcg);
      const ckpt = loadCheckpoint(join(dir, 'run.ckpt'));
      expect(ckpt.best.epoch).toBe(best.epoch);
      const fromCkpt = paramsOf(bestModel(ckpt)).filter(([name]) => name !== 'item.bias');
      expect(paramsOf(result.model).filter(([name]) => name !== 'item.bias')).toEqual(fromCkpt);
      vi.restoreAllMocks();
      // The epochs before the budget ran out are the unbudgeted run's, step for step.
      const plain = await trainIntentModel(job({ epochs: 2, refitEpochs: 0 }));
      expect(result.history.slice(0, 2).map((h) => [h.meanLoss, h.valNdcg])).toEqual(plain.history.map((h) => [h.meanLoss, h.valNdcg]));
      expect(plain.budgetEnded).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a spent budget still trains the first step and returns a model (budget 0)', async () => {
    fakeClock();
    const result = await trainIntentModel(job({}, { budgetSeconds: 0 }));
    expect(result.steps).toBe(1);
    expect(result.history).toHaveLength(1);
    expect(result.budgetEnded).toMatchObject({ epoch: 1, step: 1, phase: 'validated' });
    expect(result.refit).toEqual([]);
    expect(result.model.params.list.length).toBeGreaterThan(0);
  });

  it('a budget spent at an epoch\'s end stops before the next epoch, recording no empty epoch', async () => {
    const clock = fakeClock();
    const stepsPerEpoch = Math.ceil(160 / 16);
    const onProgress = (p: TrainingProgress) => {
      if (p.phase === 'step' && p.epoch === 2 && p.step === stepsPerEpoch) clock.advance(31_000);
    };
    const result = await trainIntentModel(job({}, { budgetSeconds: 30 }), { onProgress });
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(result.budgetEnded).toEqual({ budgetSeconds: 30, epoch: 3, step: 0, stepsPerEpoch, phase: 'validated' });
    expect(result.steps).toBe(2 * stepsPerEpoch);
    expect(result.refit).toEqual([]);
  });

  it('a budget spent in the refit stops the refit there and says so', async () => {
    const clock = fakeClock();
    const onProgress = (p: TrainingProgress) => {
      if (p.phase === 'step' && p.refit?.epoch === 1 && p.step === 3) clock.advance(31_000);
    };
    const result = await trainIntentModel(job({ epochs: 4, refitEpochs: 2 }, { budgetSeconds: 30 }), { onProgress });
    expect(result.history).toHaveLength(2);
    expect(result.refit).toHaveLength(1);
    expect(result.budgetEnded).toMatchObject({ epoch: 3, step: 3, phase: 'refit' });
  });

  it('a run without a budget is unchanged: no budgetEnded, the refit runs', async () => {
    const result = await trainIntentModel(job({ epochs: 3, refitEpochs: 1 }));
    expect(result.budgetEnded).toBeUndefined();
    expect(result.history).toHaveLength(2);
    expect(result.refit).toHaveLength(1);
  });

  it('refuses a negative budget', async () => {
    await expect(trainIntentModel(job({}, { budgetSeconds: -1 }))).rejects.toThrow(/budgetSeconds -1/);
  });
});
