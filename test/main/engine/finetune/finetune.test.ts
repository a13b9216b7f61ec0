import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { splitComparisonShoppers } from '../../../../src/main/engine/finetune/comparison-shoppers';
import { storeTrainingData } from '../../../../src/main/engine/finetune/store-training-data';
import { trainInWorker, type EpochSpan } from '../../../../src/main/engine/finetune/train-in-worker';
import type { JobContext } from '../../../../src/main/engine/jobs/job-runner';
import { ItemVectorRepository } from '../../../../src/main/engine/store';
import type { TrainRequest } from '../../../../src/main/engine/training/trainingMessages';
import { recommendFixture } from '../recommend/recommend-fixture';

/** What each run sent to its training worker. */
const requests: TrainRequest[] = [];
/** A tiny model so a run takes seconds; the evaluated configuration is in docs/INTENT_MODEL.md. */
const SMALL = {
  modelConfig: { dim: 16, blocks: 1, maxLen: 20 },
  trainingConfig: { batchSize: 32, validationUsers: 50, patience: 5 },
  train: (request: TrainRequest, ctx: JobContext, span: EpochSpan) => {
    requests.push(request);
    return trainInWorker(request, ctx, span);
  },
};

describe('fine-tuning jobs, the model registry, promote and roll back', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  beforeAll(async () => {
    // 400 shoppers: enough for a held-out comparison set (30 at least, at most a quarter of them).
    fx = await recommendFixture(300, 400, { fineTune: SMALL });
    engine = fx.engine;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  it('trains in a worker with streamed progress and registers a version that does not serve yet', async () => {
    const progress: number[] = [];
    const off = engine.bus.subscribe('jobs.progress', (j) => {
      if (j.kind === 'fine-tune' && j.progress?.metrics?.loss !== undefined) progress.push(j.progress.metrics.loss);
    });
    const job = await engine.dispatcher.call('finetune.start', { epochs: 2 });
    const done = await engine.jobs.wait(job.jobId);
    off();
    expect(done.status).toBe('succeeded');
    expect(progress.length).toBeGreaterThan(0);
    const versions = await engine.dispatcher.call('models.list', {});
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: done.result?.version, status: 'registered' });
    // Nothing served before it: there is an "after" figure and no "before".
    expect(versions[0]!.metrics.afterNdcg10).toBeGreaterThanOrEqual(0);
    expect(versions[0]!.metrics.beforeNdcg10).toBeUndefined();
    expect(versions[0]!.metrics.sequences).toBeGreaterThan(10);
    const before = await engine.dispatcher.call('recommend', { shopperId: 'U00003', k: 10 });
    expect(before.items.some((i) => i.sources.includes('learned'))).toBe(false);
  }, 120_000);

  it('promote swaps the serving model without a restart; roll back returns to the text intent', async () => {
    const [v] = await engine.dispatcher.call('models.list', {});
    const promoted = await engine.dispatcher.call('models.promote', { version: v!.version });
    expect(promoted.serving?.status).toBe('serving');
    const list = await engine.dispatcher.call('recommend', { shopperId: 'U00003', k: 10 });
    expect(list.items.some((i) => i.sources.includes('learned'))).toBe(true);
    expect(list.modelVersion).toContain(v!.version);
    const back = await engine.dispatcher.call('models.rollback', {});
    expect(back.serving).toBeNull();
    const after = await engine.dispatcher.call('recommend', { shopperId: 'U00003', k: 10 });
    expect(after.items.some((i) => i.sources.includes('learned'))).toBe(false);
    await expect(engine.dispatcher.call('models.promote', { version: 'no-such-version' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a cancelled run registers nothing and leaves the serving model as it was', async () => {
    const [v] = await engine.dispatcher.call('models.list', {});
    await engine.dispatcher.call('models.promote', { version: v!.version });
    const job = await engine.dispatcher.call('finetune.start', { epochs: 20 });
    await new Promise<void>((resolve) => {
      const off = engine.bus.subscribe('jobs.progress', (j) => {
        if (j.jobId === job.jobId && (j.progress?.done ?? 0) > 0) {
          off();
          resolve();
        }
      });
    });
    await engine.dispatcher.call('jobs.cancel', { jobId: job.jobId });
    expect((await engine.jobs.wait(job.jobId)).status).toBe('cancelled');
    const versions = await engine.dispatcher.call('models.list', {});
    expect(versions).toHaveLength(1);
    expect(versions[0]!.status).toBe('serving');
  }, 120_000);

  it('compares a new version with the serving one on the same held-out items', async () => {
    const serving = (await engine.dispatcher.call('models.list', {})).find((v) => v.status === 'serving')!;
    const job = await engine.dispatcher.call('finetune.start', { epochs: 1 });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    const result = done.result as { version: string; beforeNdcg10: number; afterNdcg10: number; comparisonCases: number; comparedWith: string };
    expect(result.comparedWith).toBe(serving.version);
    expect(result.comparisonCases).toBeGreaterThan(10);
    for (const v of [result.beforeNdcg10, result.afterNdcg10]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    const stored = (await engine.dispatcher.call('models.list', {})).find((v) => v.version === result.version)!;
    expect(stored.metrics).toMatchObject({ beforeNdcg10: result.beforeNdcg10, afterNdcg10: result.afterNdcg10, comparisonCases: result.comparisonCases });
    // The new version is registered, not serving: the old one still serves.
    expect(stored.status).toBe('registered');

    // The comparison shoppers never reach the worker: it got exactly the other shoppers' sequences.
    const db = new Database(join(fx.env.dir, 'instinct.db'), { readonly: true });
    try {
      const p = job.params as { sinceTs: number; untilSeq: number; textVersion: string | null };
      const data = storeTrainingData(db, new ItemVectorRepository(db), p.textVersion, p);
      const split = splitComparisonShoppers(data);
      const sent = requests.at(-1)!;
      expect(result.comparisonCases).toBe(split.comparison!.sequences.length);
      expect(sent.sequences).toHaveLength(data.sequences.length - result.comparisonCases);
      expect(sent.sequences).toEqual(split.training.sequences);
      expect(sent.events).toEqual(split.training.tokenEvents);
      const held = new Set(split.shoppers);
      expect(held.size).toBe(result.comparisonCases);
      expect(sent.sequences).toEqual(data.sequences.filter((_, i) => !held.has(data.shopperIds[i]!)));
      expect(stored.metrics.sequences).toBe(sent.sequences.length);
    } finally {
      db.close();
    }
  }, 120_000);

  it('continues from the serving version on a recent window (incremental fine-tuning)', async () => {
    const serving = (await engine.dispatcher.call('models.list', {})).find((v) => v.status === 'serving')!;
    const job = await engine.dispatcher.call('finetune.start', { epochs: 1, windowDays: 60, fromServing: true });
    expect(job.params).toMatchObject({ fromServing: true, from: serving.version });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    const result = done.result as { version: string; beforeNdcg10: number; afterNdcg10: number };
    const stored = (await engine.dispatcher.call('models.list', {})).find((v) => v.version === result.version)!;
    expect(stored.config).toMatchObject({ from: serving.version, windowDays: 60 });
    expect(stored.metrics.beforeNdcg10).toBe(result.beforeNdcg10);
  }, 120_000);

  it('says the comparison was skipped, rather than scoring trained items, when the window has too few shoppers', async () => {
    // 20 shoppers active today, the demo's events being older: the last day's window has only them.
    const now = Date.now();
    const recent = Array.from({ length: 20 }, (_, s) => [0, 1, 2].map((k) => ({ type: 'view' as const, shopperId: `recent-${s}`, itemId: fx.catalog[(s * 7 + k * 13) % fx.catalog.length]!.itemId, ts: now - 60_000 + s * 100 + k })));
    await engine.dispatcher.call('events.ingest', { events: recent.flat() });
    const job = await engine.dispatcher.call('finetune.start', { epochs: 1, windowDays: 1 });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    const result = done.result as Record<string, unknown>;
    expect(result.sequences).toBe(20);
    expect(result).toMatchObject({ comparisonCases: 0, comparisonSkipped: expect.stringMatching(/shoppers .* no comparison/) });
    expect(result.afterNdcg10).toBeUndefined();
    expect(result.beforeNdcg10).toBeUndefined();
    expect(result.comparedWith).toBeUndefined();
    // Nothing held out: every shopper trained.
    expect(requests.at(-1)!.sequences).toHaveLength(result.sequences as number);
  }, 120_000);

  it('refuses to continue when nothing serves, naming the field', async () => {
    await engine.dispatcher.call('models.rollback', {});
    while ((await engine.dispatcher.call('models.list', {})).some((v) => v.status === 'serving')) await engine.dispatcher.call('models.rollback', {});
    await expect(engine.dispatcher.call('finetune.start', { epochs: 1, fromServing: true })).rejects.toMatchObject({ code: 'conflict', issues: [{ path: 'fromServing' }] });
  });
});
