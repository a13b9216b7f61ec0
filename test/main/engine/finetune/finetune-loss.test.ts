import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { jobLoss, lossRecord } from '../../../../src/main/engine/finetune/finetune-loss';
import { FULL_SOFTMAX, FULL_SOFTMAX_MAX_ITEMS, SPARSE_SAMPLED_SOFTMAX } from '../../../../src/main/engine/training/loss/loss-config';
import { TRAINING_DEFAULTS } from '../../../../src/main/engine/training/model/config';
import { trainInWorker, type MemberIO } from '../../../../src/main/engine/training/loop/train-members';
import type { TrainRequest } from '../../../../src/main/engine/training/training-messages';
import { recommendFixture } from '../recommend/recommend-fixture';

describe('a fine-tune job chooses its loss by the catalogue\'s size', () => {
  it('full softmax up to the limit, sampled with log-Q above it; a configured loss wins', () => {
    expect(jobLoss({}, FULL_SOFTMAX_MAX_ITEMS)).toEqual({ loss: FULL_SOFTMAX, reason: `full softmax: ${FULL_SOFTMAX_MAX_ITEMS} items (≤ ${FULL_SOFTMAX_MAX_ITEMS})` });
    expect(jobLoss({}, 4385).loss).toEqual(FULL_SOFTMAX);
    expect(jobLoss({}, 12101)).toEqual({ loss: SPARSE_SAMPLED_SOFTMAX, reason: `sampled softmax with log-Q correction, sparse steps: 12101 items (> ${FULL_SOFTMAX_MAX_ITEMS})` });
    expect(jobLoss({ fullSoftmaxMaxItems: 100 }, 101).loss.kind).toBe('sampled');
    expect(jobLoss({ trainingConfig: { loss: FULL_SOFTMAX } }, 12101)).toEqual({ loss: FULL_SOFTMAX, reason: 'full softmax: configured' });
    // A run resumed from a checkpoint without a loss (before it existed) trained with the full softmax and says so.
    expect(lossRecord({}, { ...TRAINING_DEFAULTS }, 12101)).toEqual({ loss: 'full', lossReason: 'full softmax: kept from the run\'s checkpoint' });
  });
});

const requests: TrainRequest[] = [];
/** A tiny model; the limit set below the fixture's catalogue so the job must pick the sampled softmax itself. */
const SAMPLED_BY_SIZE = {
  modelConfig: { dim: 16, blocks: 1, maxLen: 20 },
  trainingConfig: { batchSize: 32, validationUsers: 50, patience: 5 },
  members: 1,
  defaultConfig: 'defaults' as const,
  fullSoftmaxMaxItems: 100,
  train: (request: TrainRequest, io: MemberIO) => {
    requests.push(request);
    return trainInWorker(request, io);
  },
};

describe('a fine-tune job on a catalogue above the limit', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  beforeAll(async () => {
    fx = await recommendFixture(300, 400, { fineTune: SAMPLED_BY_SIZE });
    engine = fx.engine;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  it('trains with the sampled softmax and says so in its result and the registered version', async () => {
    const job = await engine.dispatcher.call('finetune.start', { epochs: 2 });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    const result = done.result as { items: number; loss: string; lossReason: string; afterNdcg10: number };
    expect(result.items).toBeGreaterThan(100);
    expect(result.loss).toBe('sampled(neg=2048,negPop=0,inBatch=1,logQ=1,sparse=1)');
    expect(result.lossReason).toBe(`sampled softmax with log-Q correction, sparse steps: ${result.items} items (> 100)`);
    expect(requests.at(-1)!.training.loss).toEqual(SPARSE_SAMPLED_SOFTMAX);
    const [registered] = await engine.dispatcher.call('models.list', {});
    expect(registered!.config).toMatchObject({ loss: result.loss, lossReason: result.lossReason });
  }, 180_000);
});
