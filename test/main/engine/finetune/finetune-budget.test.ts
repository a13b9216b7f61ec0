import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { INCREMENTAL_WINDOW_DAYS } from '../../../../src/main/engine/finetune/finetune-incremental';
import { trainInWorker, type MemberIO } from '../../../../src/main/engine/training/loop/train-members';
import type { TrainRequest } from '../../../../src/main/engine/training/training-messages';
import { recommendFixture, T_END } from '../recommend/recommend-fixture';

/** What each member was asked to train (the budget it was handed). */
const requests: TrainRequest[] = [];
/**
 * A tiny model, one member; any store counts as large (over 100 item events). A member handed a
 * budget gets it as 0 s, so the budget is spent at its first step whatever the machine's load:
 * the job then has to carry the worker's stop through to its result.
 */
const OPTIONS = {
  modelConfig: { dim: 16, blocks: 1, maxLen: 20 },
  trainingConfig: { batchSize: 32, validationUsers: 50, patience: 5 },
  members: 1,
  defaultConfig: 'defaults' as const,
  largeStoreItemEvents: 100,
  train: (request: TrainRequest, io: MemberIO) => {
    requests.push(request);
    return trainInWorker(request.budgetSeconds !== undefined ? { ...request, budgetSeconds: 0 } : request, io);
  },
};

describe('a fine-tune job\'s time budget and its default choice of incremental runs (issue 18)', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  beforeAll(async () => {
    fx = await recommendFixture(300, 400, { fineTune: OPTIONS });
    engine = fx.engine;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  it('the contract refuses a budget under 60 s or not a whole number of seconds', async () => {
    await expect(engine.dispatcher.call('finetune.start', { epochs: 1, budgetSeconds: 10 })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'budgetSeconds' })] });
    await expect(engine.dispatcher.call('finetune.start', { epochs: 1, budgetSeconds: 90.5 })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'budgetSeconds' })] });
  });

  // Broken variants: the budget not handed to the worker (the member trains its epochs: no budgetEnded),
  // the worker's stop lost on the way (result silent), a stop that fails the job or registers nothing;
  // a large store without a serving version made incremental (the job would be refused).
  it('hands the worker what is left of the budget; the worker stops; the job registers the best model and says the budget ended it', async () => {
    const job = await engine.dispatcher.call('finetune.start', { epochs: 3, budgetSeconds: 60 });
    // Nothing serves yet: from scratch even though the store counts as large, and the job says why.
    expect(job.params).toMatchObject({ fromServing: false, budgetSeconds: 60 });
    expect(String((job.params as { fromServingReason?: string }).fromServingReason)).toMatch(/^from scratch: the store is large \(\d+ item events > 100\) but no version serves yet$/);
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    const sent = requests.at(-1)!;
    expect(sent.budgetSeconds).toBeGreaterThan(0);
    expect(sent.budgetSeconds).toBeLessThanOrEqual(60);
    const result = done.result as { version: string; budgetSeconds: number; budgetEnded: string; steps: number; fromServingReason: string; read: { batches: number } };
    expect(result.budgetSeconds).toBe(60);
    expect(result.budgetEnded).toMatch(/^the 60 s budget ended training: member 0 in epoch 1 \(step 1 of \d+\); each member kept its best validated epoch/);
    expect(result.steps).toBe(1);
    expect(result.read.batches).toBeGreaterThan(0);
    const [v] = await engine.dispatcher.call('models.list', {});
    expect(v!.version).toBe(result.version);
    expect(v!.config).toMatchObject({ budgetSeconds: 60, budgetEnded: result.budgetEnded });
  }, 180_000);

  it('a large store with a serving version continues it on the recent window when the request leaves fromServing out', async () => {
    const [v1] = await engine.dispatcher.call('models.list', {});
    await engine.dispatcher.call('models.promote', { version: v1!.version });
    const job = await engine.dispatcher.call('finetune.start', { epochs: 1 });
    const params = job.params as { fromServing: boolean; from: string; windowDays: number; sinceTs: number; fromServingReason: string };
    expect(params).toMatchObject({ fromServing: true, from: v1!.version });
    // The 30 days up to the newest event (the fixture's events end at T_END, before today).
    const daysSince = Math.floor((Date.now() - T_END) / 86_400_000);
    expect(params.windowDays).toBeGreaterThanOrEqual(INCREMENTAL_WINDOW_DAYS + daysSince - 1);
    expect(params.windowDays).toBeLessThanOrEqual(INCREMENTAL_WINDOW_DAYS + daysSince + 1);
    expect(params.fromServingReason).toMatch(new RegExp(`^incremental: the store is large \\(\\d+ item events > 100\\), so this run continues ${v1!.version} on the 30 days up to the newest event`));
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ fromServingReason: params.fromServingReason });
    expect((done.result as { budgetEnded?: string }).budgetEnded).toBeUndefined();
    expect(requests.at(-1)!.budgetSeconds).toBeUndefined();
    expect(requests.at(-1)!.resumeFromPath).toBeDefined();
    // Said explicitly, fromServing wins and no reason is given.
    const scratch = await engine.dispatcher.call('finetune.start', { epochs: 1, fromServing: false, budgetSeconds: 60 });
    expect(scratch.params).toMatchObject({ fromServing: false });
    expect((scratch.params as { fromServingReason?: string }).fromServingReason).toBeUndefined();
    expect((await engine.jobs.wait(scratch.jobId)).status).toBe('succeeded');
  }, 240_000);
});
