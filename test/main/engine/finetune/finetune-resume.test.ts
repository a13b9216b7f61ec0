import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/shared/contract';
import type { Engine } from '../../../../src/main/engine/engine';
import { trainInWorker, type MemberIO } from '../../../../src/main/engine/training/loop/train-members';
import type { TrainRequest } from '../../../../src/main/engine/training/training-messages';
import { recommendFixture, T_END } from '../recommend/recommend-fixture';

/** A tiny model, and no early stopping, so every run trains all its epochs in a few seconds; the default 2-member ensemble. */
const SMALL = {
  modelConfig: { dim: 16, blocks: 1, maxLen: 20 },
  trainingConfig: { batchSize: 8, validationUsers: 50, patience: 100 },
  members: 2,
  // Resume of the documented defaults; an automatic run's resume is in finetune-auto.test.ts.
  defaultConfig: 'defaults' as const,
  train: (request: TrainRequest, io: MemberIO) => {
    requests.push(request);
    return trainInWorker(request, io);
  },
};
/** What each member's training was asked. */
const requests: TrainRequest[] = [];
/** Enough epochs that a cancel sent at epoch 2 lands long before the end. */
const EPOCHS = 30;

type Fixture = Awaited<ReturnType<typeof recommendFixture>>;

describe('resuming a fine-tune job from its checkpoint', () => {
  let fx: Fixture;
  let engine: Engine;
  /** The first epoch each fine-tune job reported progress for. */
  const firstEpoch = new Map<string, number>();
  let unbroken: Job;

  beforeAll(async () => {
    fx = await recommendFixture(300, 400, { fineTune: SMALL });
    engine = fx.engine;
    engine.bus.subscribe('jobs.progress', (j) => {
      const epoch = j.progress?.metrics?.epoch;
      if (j.kind === 'fine-tune' && epoch !== undefined && !firstEpoch.has(j.jobId)) firstEpoch.set(j.jobId, epoch);
    });
    // The reference: the same request, never interrupted.
    unbroken = await engine.jobs.wait((await engine.dispatcher.call('finetune.start', { epochs: EPOCHS })).jobId);
    if (unbroken.status !== 'succeeded') throw new Error(`reference run ${unbroken.status}: ${unbroken.error}`);
  }, 180_000);
  afterAll(() => fx.env.cleanup());

  /** Resolves once the job reports progress in `epoch` or later (so epoch - 1's checkpoint exists), or ends. */
  function reachEpoch(jobId: string, epoch: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const off = engine.bus.subscribe('jobs.progress', (j) => {
        if (j.jobId === jobId && ((j.progress?.metrics?.epoch ?? 0) >= epoch || j.status !== 'running')) {
          off();
          resolve();
        }
      });
    });
  }

  async function cancelAt(job: Job, epoch: number): Promise<Job> {
    await reachEpoch(job.jobId, epoch);
    await engine.dispatcher.call('jobs.cancel', { jobId: job.jobId });
    const stopped = await engine.jobs.wait(job.jobId);
    expect(stopped.status).toBe('cancelled');
    return stopped;
  }

  const versionsNamed = async (version: unknown) => (await engine.dispatcher.call('models.list', {})).filter((v) => v.version === version);
  const fileOf = (job: Job, suffix: string): string => join(fx.env.dir, 'models', 'intent', `${String(job.params.version)}${suffix}`);
  const checkpointOf = (job: Job, member = 0): string => fileOf(job, `.m${member}.ckpt`);

  it('continues at the next epoch on the same data, twice over, and registers the model an unbroken run gives, once', async () => {
    const original = await engine.dispatcher.call('finetune.start', { epochs: EPOCHS });
    expect(original.params).toMatchObject({ epochs: EPOCHS, version: expect.stringMatching(/^intent-/), sinceTs: 0, untilSeq: expect.any(Number) });
    await cancelAt(original, 2);
    expect(await versionsNamed(original.params.version)).toHaveLength(0);

    // Events that arrive after the start, even ones dated inside the window, are not the run's data.
    const late = Array.from({ length: 15 }, (_, s) => [0, 1, 2].map((k) => ({ type: 'view' as const, shopperId: `late-${s}`, itemId: fx.catalog[(s * 7 + k * 13) % fx.catalog.length]!.itemId, ts: T_END - 86_400_000 + s * 1000 + k })));
    await engine.dispatcher.call('events.ingest', { events: late.flat() });

    // Two resumes at once (the resume reads its data in pieces, yielding): one starts, the other is refused.
    const both = await Promise.allSettled([engine.dispatcher.call('finetune.resume', { jobId: original.jobId }), engine.dispatcher.call('finetune.resume', { jobId: original.jobId })]);
    const started = both.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(started).toHaveLength(1);
    expect(both.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))).toEqual([expect.objectContaining({ code: 'conflict' })]);
    const resumed = started[0]!;
    expect(resumed).toMatchObject({ kind: 'fine-tune', status: 'running', params: { ...original.params, resumes: original.jobId } });
    // One fine-tune at a time, and a running job is not resumed.
    await expect(engine.dispatcher.call('finetune.resume', { jobId: resumed.jobId })).rejects.toMatchObject({ code: 'conflict', issues: [{ path: 'jobId' }], message: expect.stringMatching(/still running/) });
    await expect(engine.dispatcher.call('finetune.resume', { jobId: original.jobId })).rejects.toMatchObject({ code: 'conflict' });
    await reachEpoch(resumed.jobId, 1);
    await cancelAt(resumed, firstEpoch.get(resumed.jobId)! + 1);

    // A resumed job that was cancelled is resumed in turn.
    const again = await engine.dispatcher.call('finetune.resume', { jobId: resumed.jobId });
    expect(again.params).toMatchObject({ version: original.params.version, resumes: resumed.jobId });
    const done = await engine.jobs.wait(again.jobId);
    expect(done.status).toBe('succeeded');

    expect(firstEpoch.get(unbroken.jobId)).toBe(1);
    expect(firstEpoch.get(resumed.jobId)).toBeGreaterThan(1);
    expect(firstEpoch.get(again.jobId)).toBeGreaterThan(firstEpoch.get(resumed.jobId)!);
    // The bar counts the original total: the same as the unbroken run's.
    expect(done.progress?.total).toBe(unbroken.progress?.total);
    expect(done.result).toMatchObject({ version: original.params.version, sequences: unbroken.result?.sequences, resumedAfterEpoch: firstEpoch.get(again.jobId)! - 1 });

    const [registered] = await versionsNamed(original.params.version);
    const [reference] = await versionsNamed(unbroken.result?.version);
    expect(await versionsNamed(original.params.version)).toHaveLength(1);
    // The resumed version's before/after figure is the unbroken run's, to the last bit (a broken resume that trains other weights fails here too).
    expect(registered!.metrics.afterNdcg10).toBe(reference!.metrics.afterNdcg10);
    expect(registered!.config).toMatchObject({ epochs: EPOCHS, sinceTs: 0, untilSeq: original.params.untilSeq, from: null });
    // cancel + resume + cancel + resume replays the unbroken run exactly (per-epoch seeded streams, optimiser state in the checkpoint).
    expect(registered!.sha256).toBe(reference!.sha256);
    expect(registered!.metrics.valNdcg).toBe(reference!.metrics.valNdcg);

    // A fresh run does read the late events.
    const fresh = await engine.jobs.wait((await engine.dispatcher.call('finetune.start', { epochs: 1 })).jobId);
    // (The shoppers trained on plus those held out for the comparison: every shopper of the window.)
    const shoppers = (job: Job): number => (job.result?.sequences as number) + (job.result?.comparisonCases as number);
    expect(shoppers(fresh)).toBe(shoppers(unbroken) + late.length);
  }, 180_000);

  it('does not train again a member that had finished, and starts one without a checkpoint fresh from its seed', async () => {
    // Member 1 finished before the cancel (its model and done record there: the unbroken run's, the same data and seed).
    const job = await cancelAt(await engine.dispatcher.call('finetune.start', { epochs: EPOCHS }), 2);
    const unbrokenFile = (suffix: string) => join(fx.env.dir, 'models', 'intent', `${String(unbroken.result?.version)}${suffix}`);
    copyFileSync(unbrokenFile('.m1.model'), fileOf(job, '.m1.model'));
    copyFileSync(unbrokenFile('.m1.done.json'), fileOf(job, '.m1.done.json'));
    let first = requests.length;
    const done = await engine.jobs.wait((await engine.dispatcher.call('finetune.resume', { jobId: job.jobId })).jobId);
    expect(done.status).toBe('succeeded');
    expect(requests.slice(first).map((r) => [r.training.seed, r.resumeFromPath])).toEqual([[7, checkpointOf(job, 0)]]);
    // Registered once, member 1 as it was (its file, figures and seed), member 0 trained on.
    const versions = await versionsNamed(job.params.version);
    expect(versions).toHaveLength(1);
    const kept = JSON.parse(readFileSync(unbrokenFile('.m1.done.json'), 'utf8')) as { bestValNdcg: number; seed: number };
    expect(versions[0]!.metrics.member1ValNdcg).toBe(kept.bestValNdcg);
    expect(versions[0]!.config.seeds).toEqual([7, kept.seed]);
    const manifest = JSON.parse(readFileSync(fileOf(job, '.members.json'), 'utf8')) as { members: { sha256: string }[] };
    expect(manifest.members[1]!.sha256).toBe(createHash('sha256').update(readFileSync(unbrokenFile('.m1.model'))).digest('hex'));

    // A member with no checkpoint yet (stopped before its first epoch ended) starts fresh from its seed; the other resumes.
    const second = await cancelAt(await engine.dispatcher.call('finetune.start', { epochs: EPOCHS }), 2);
    rmSync(checkpointOf(second, 1));
    first = requests.length;
    const again = await engine.jobs.wait((await engine.dispatcher.call('finetune.resume', { jobId: second.jobId })).jobId);
    expect(again.status).toBe('succeeded');
    expect(requests.slice(first).map((r) => [r.training.seed, r.resumeFromPath])).toEqual([
      [7, checkpointOf(second, 0)],
      [8, undefined],
    ]);
    expect(again.result).toMatchObject({ resumedAfterEpoch: 0, members: 2 });
    expect(await versionsNamed(second.params.version)).toHaveLength(1);
  }, 180_000);

  it('refuses a succeeded, an unknown or a non-fine-tune job, and a malformed request', async () => {
    await expect(engine.dispatcher.call('finetune.resume', { jobId: unbroken.jobId })).rejects.toMatchObject({
      code: 'conflict',
      issues: [{ path: 'jobId' }],
      message: expect.stringMatching(/already succeeded/),
    });
    await expect(engine.dispatcher.call('finetune.resume', { jobId: 'no-such-job' })).rejects.toMatchObject({ code: 'not_found', issues: [{ path: 'jobId' }] });
    const [embedding] = await engine.dispatcher.call('jobs.list', { kind: 'embed-catalogue' });
    await expect(engine.dispatcher.call('finetune.resume', { jobId: embedding!.jobId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/only fine-tune jobs/) });
    const extra = await engine.dispatcher.handle('finetune.resume', { jobId: unbroken.jobId, epochs: 3 }, { transport: 'direct' });
    expect(!extra.ok && extra.error.code).toBe('bad_request');
    const empty = await engine.dispatcher.handle('finetune.resume', { jobId: '' }, { transport: 'direct' });
    expect(!empty.ok && empty.error.issues?.[0]?.path).toBe('jobId');
  });

  it('names the checkpoint file when it is corrupt or missing', async () => {
    const job = await cancelAt(await engine.dispatcher.call('finetune.start', { epochs: EPOCHS }), 2);
    const path = checkpointOf(job);
    writeFileSync(path, 'not a checkpoint');
    await expect(engine.dispatcher.call('finetune.resume', { jobId: job.jobId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`${path} is unusable`) });
    // No member has a checkpoint: nothing to resume (one member without one would start fresh from its seed).
    rmSync(path);
    rmSync(checkpointOf(job, 1));
    await expect(engine.dispatcher.call('finetune.resume', { jobId: job.jobId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`${path} does not exist`) });
  }, 120_000);

  it('records the comparison shoppers with the data, and refuses a run whose record predates holding them out', async () => {
    const job = await cancelAt(await engine.dispatcher.call('finetune.start', { epochs: EPOCHS }), 2);
    const path = join(fx.env.dir, 'models', 'intent', `${String(job.params.version)}.data.json`);
    const record = JSON.parse(readFileSync(path, 'utf8')) as { comparison?: { shoppers: number; shoppersSha256: string } };
    expect(record.comparison?.shoppers).toBeGreaterThanOrEqual(30);
    delete record.comparison;
    writeFileSync(path, JSON.stringify(record));
    await expect(engine.dispatcher.call('finetune.resume', { jobId: job.jobId })).rejects.toMatchObject({
      code: 'conflict',
      issues: [{ path: 'jobId', message: 'data changed' }],
      message: expect.stringMatching(/before shoppers were held out for the before\/after comparison/),
    });
  }, 120_000);

  it('resumes an incremental run on its own lineage', async () => {
    const base = String(unbroken.result?.version);
    await engine.dispatcher.call('models.promote', { version: base });
    const job = await cancelAt(await engine.dispatcher.call('finetune.start', { epochs: EPOCHS, fromServing: true }), 2);
    expect(job.params).toMatchObject({ from: base });
    const resumed = await engine.dispatcher.call('finetune.resume', { jobId: job.jobId });
    const done = await engine.jobs.wait(resumed.jobId);
    expect(done.status).toBe('succeeded');
    // Epochs count the job's own (1..EPOCHS), the checkpoint still carries the base's EPOCHS epochs.
    expect(firstEpoch.get(resumed.jobId)).toBeGreaterThan(1);
    expect(firstEpoch.get(resumed.jobId)).toBeLessThanOrEqual(EPOCHS);
    expect(done.progress?.done).toBe(done.progress?.total);
    expect(done.result?.bestEpoch).toBeGreaterThanOrEqual(EPOCHS);
    expect(done.result?.comparedWith).toBe(base);
    const [registered] = await versionsNamed(job.params.version);
    expect(registered!.config).toMatchObject({ from: base, epochs: EPOCHS });
  }, 180_000);

  // Last: it changes the catalogue the other runs share.
  it('refuses when the catalogue changed since the run started, item ids being positions in the model', async () => {
    const job = await cancelAt(await engine.dispatcher.call('finetune.start', { epochs: EPOCHS }), 2);
    await engine.dispatcher.call('catalog.upsert', { items: [{ ...fx.catalog[0]!, itemId: 'added-after-start' }] });
    await expect(engine.dispatcher.call('finetune.resume', { jobId: job.jobId })).rejects.toMatchObject({
      code: 'conflict',
      issues: [{ path: 'jobId', message: 'catalogue changed' }],
      message: expect.stringMatching(/catalogue changed since job .* started \(300 items then, 301 now\)/),
    });
  }, 120_000);
});
