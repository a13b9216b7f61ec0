import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { ensembleSha256, fileSha256, type EnsembleManifest } from '../../../../src/main/engine/finetune/ensemble-manifest';
import { ServingIntentModel } from '../../../../src/main/engine/finetune/serving-intent-model';
import { splitComparisonShoppers } from '../../../../src/main/engine/finetune/comparison-shoppers';
import { storeTrainingData } from '../../../../src/main/engine/finetune/store-training-data';
import { trainInWorker, type MemberIO } from '../../../../src/main/engine/training/loop/train-members';
import { ItemVectorRepository } from '../../../../src/main/engine/store';
import { eventTypeId, gapBucket } from '../../../../src/main/engine/training/data/session-events';
import { loadCheckpoint } from '../../../../src/main/engine/training/checkpoint/checkpoint';
import type { TrainRequest } from '../../../../src/main/engine/training/training-messages';
import { recommendFixture } from '../recommend/recommend-fixture';
import { popularityNdcgOnComparison } from './popularity-baseline';

/** What each run sent to its training workers (one request per ensemble member). */
const requests: TrainRequest[] = [];
/** Each member's training, as it ends (resolved or rejected). */
const trainings: { seed: number; outcome: Promise<string> }[] = [];
/** A member with this seed fails at once (the failing-member test). */
let failSeed: number | undefined;
/** A tiny model so a run takes seconds; the evaluated configuration is in docs/INTENT_MODEL.md. The default 2-member ensemble. */
const SMALL = {
  modelConfig: { dim: 16, blocks: 1, maxLen: 20 },
  trainingConfig: { batchSize: 32, validationUsers: 50, patience: 5 },
  members: 2,
  // These tests are about the job, the registry and serving: the documented defaults, no automatic selection (finetune-auto.test.ts).
  defaultConfig: 'defaults' as const,
  train: (request: TrainRequest, io: MemberIO) => {
    requests.push(request);
    const run = request.training.seed === failSeed ? Promise.reject(new Error(`member with seed ${failSeed} broke`)) : trainInWorker(request, io);
    trainings.push({ seed: request.training.seed, outcome: run.then(() => 'done', (err: unknown) => (err instanceof Error ? err.message : String(err))) });
    return run;
  },
};
const MODEL_DIR = (fx: { env: { dir: string } }) => join(fx.env.dir, 'models', 'intent');
/** Whether a promise has settled, without waiting for it. */
const settled = (p: Promise<unknown>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);

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
    // Nothing served before it: there is an "after" figure and no "before". The figure beats
    // popularity on the same held-out shoppers (a random or broken model scores about 0 and fails).
    const floor = popularityNdcgOnComparison(fx.env.dir, job.params as { sinceTs: number; untilSeq: number; textVersion: string | null });
    expect(versions[0]!.metrics.comparisonCases).toBe(floor.cases);
    expect(versions[0]!.metrics.afterNdcg10).toBeGreaterThan(floor.ndcg10);
    expect(versions[0]!.metrics.beforeNdcg10).toBeUndefined();
    expect(versions[0]!.metrics.sequences).toBeGreaterThan(10);
    const before = await engine.dispatcher.call('recommend', { shopperId: 'U00003', k: 10 });
    expect(before.items.some((i) => i.sources.includes('learned'))).toBe(false);
  }, 120_000);

  it('trains the two members in parallel with seeds seed and seed + 1, registers one version, and serves the mean of their scores', async () => {
    const [v] = await engine.dispatcher.call('models.list', {});
    const dir = MODEL_DIR(fx);
    const manifest = JSON.parse(readFileSync(join(dir, `${v!.version}.members.json`), 'utf8')) as EnsembleManifest;
    expect(manifest.members.map((m) => m.model)).toEqual([`${v!.version}.m0.model`, `${v!.version}.m1.model`]);
    for (const m of manifest.members) {
      expect(existsSync(join(dir, m.onnx))).toBe(true);
      expect(m.sha256).toBe(fileSha256(join(dir, m.model)));
    }
    // Different seeds, so different weights.
    expect(manifest.members[1]!.seed).toBe(manifest.members[0]!.seed + 1);
    expect(manifest.members[0]!.sha256).not.toBe(manifest.members[1]!.sha256);
    // One version; its digest covers both members; its figures are the members' mean and each member's.
    expect(v!.sha256).toBe(ensembleSha256(manifest.members.map((m) => m.sha256)));
    expect(v!.config).toMatchObject({ members: 2, seeds: manifest.members.map((m) => m.seed) });
    expect(v!.metrics.members).toBe(2);
    expect(v!.metrics.valNdcg).toBeCloseTo((v!.metrics.member0ValNdcg! + v!.metrics.member1ValNdcg!) / 2, 12);
    expect(requests.slice(0, 2).map((r) => r.training.seed).sort()).toEqual(manifest.members.map((m) => m.seed));
    expect(requests.slice(0, 2).map((r) => r.modelPath)).toEqual(manifest.members.map((m) => join(dir, m.model)));

    const db = new Database(join(fx.env.dir, 'instinct.db'), { readonly: true });
    try {
      const vectors = new ItemVectorRepository(db);
      const textVersion = (v!.config.textVersion as string | null) ?? null;
      const served = ServingIntentModel.load(v!.version, join(dir, `${v!.version}.members.json`), vectors, textVersion);
      const [m0, m1] = manifest.members.map((m) => ServingIntentModel.load(m.model, join(dir, m.model), vectors, textVersion));
      expect(served.memberCount).toBe(2);
      expect(served.usesEvents).toBe(m0!.usesEvents);
      const itemIds = JSON.parse(readFileSync(join(dir, `${v!.version}.items.json`), 'utf8')) as string[];
      for (const history of [[itemIds[3]!], [itemIds[10]!, itemIds[42]!, itemIds[7]!], [itemIds[99]!, 'not-an-item', itemIds[1]!]]) {
        // Views, a minute apart (a model with events needs them; one without ignores them).
        const types = Int32Array.from(history, () => eventTypeId('view'));
        const gaps = Int32Array.from(history, (_, t) => (t === 0 ? 0 : gapBucket(60)));
        const events = served.usesEvents ? { types, gaps } : undefined;
        const mean = served.meanScores(history, events)!;
        const a = m0!.meanScores(history, events)!;
        const b = m1!.meanScores(history, events)!;
        expect(a.some((x, j) => Math.abs(x - b[j]!) > 1e-4)).toBe(true);
        mean.forEach((x, j) => expect(Math.abs(x - (a[j]! + b[j]!) / 2)).toBeLessThan(1e-5));
        // The served top 10 is the mean's top 10.
        const best = Array.from(mean.keys()).sort((i, j) => mean[j]! - mean[i]!).slice(0, 10).map((j) => itemIds[j]);
        expect(served.candidatesForTokens(history, { types, gaps }, 10).map((c) => c.itemId)).toEqual(best);
      }
      const session = [
        { type: 'view', itemId: itemIds[5]!, ts: 1_000 },
        { type: 'add_to_cart', itemId: itemIds[6]!, ts: 60_000 },
      ];
      // The session path averages too: the same tokens through candidatesForTokens give the same list.
      const tokens = { types: Int32Array.of(eventTypeId('view'), eventTypeId('add_to_cart')), gaps: Int32Array.of(0, gapBucket(59)) };
      expect(served.candidatesForSession(session, 5)).toEqual(served.candidatesForTokens([itemIds[5]!, itemIds[6]!], tokens, 5));
    } finally {
      db.close();
    }
  });

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
    const first = trainings.length;
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
    // Both members' workers were asked to stop and had stopped (answered 'cancelled') when the job ended.
    const members = trainings.slice(first);
    expect(members).toHaveLength(2);
    for (const m of members) {
      expect(await settled(m.outcome)).toBe(true);
      expect(await m.outcome).toBe('cancelled');
    }
    const versions = await engine.dispatcher.call('models.list', {});
    expect(versions).toHaveLength(1);
    expect(versions[0]!.status).toBe('serving');
  }, 120_000);

  it('a failing member fails the job with its error, cancels the other member and registers nothing', async () => {
    const before = (await engine.dispatcher.call('models.list', {})).length;
    failSeed = 8; // the second member (seed 7 + 1)
    try {
      const first = trainings.length;
      const done = await engine.jobs.wait((await engine.dispatcher.call('finetune.start', { epochs: 20 })).jobId);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/member with seed 8 broke/);
      const members = trainings.slice(first);
      expect(members.map((m) => m.seed).sort()).toEqual([7, 8]);
      expect(await members.find((m) => m.seed === 7)!.outcome).toBe('cancelled');
      expect(await engine.dispatcher.call('models.list', {})).toHaveLength(before);
    } finally {
      failSeed = undefined;
    }
  }, 120_000);

  it('compares a new version with the serving one on the same held-out items', async () => {
    const serving = (await engine.dispatcher.call('models.list', {})).find((v) => v.status === 'serving')!;
    const job = await engine.dispatcher.call('finetune.start', { epochs: 1 });
    const done = await engine.jobs.wait(job.jobId);
    expect(done.status).toBe('succeeded');
    const result = done.result as { version: string; beforeNdcg10: number; afterNdcg10: number; comparisonCases: number; comparedWith: string };
    expect(result.comparedWith).toBe(serving.version);
    expect(result.comparisonCases).toBeGreaterThan(10);
    // Both versions beat popularity on the very same cases (fails for a random or broken model, which "in [0, 1]" did not).
    const floor = popularityNdcgOnComparison(fx.env.dir, job.params as { sinceTs: number; untilSeq: number; textVersion: string | null });
    expect(floor.cases).toBe(result.comparisonCases);
    for (const v of [result.beforeNdcg10, result.afterNdcg10]) expect(v).toBeGreaterThan(floor.ndcg10);
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
  it('an old single-file version (no members manifest) still loads and serves, as a 1-member ensemble', async () => {
    const v = (await engine.dispatcher.call('models.list', {})).find((m) => m.config.members === 2);
    const dir = MODEL_DIR(fx);
    const legacy = 'intent-20250101000000-legacy';
    copyFileSync(join(dir, `${v!.version}.m0.model`), join(dir, `${legacy}.model`));
    copyFileSync(join(dir, `${v!.version}.items.json`), join(dir, `${legacy}.items.json`));
    engine.intentModels.register({ version: legacy, path: join(dir, `${legacy}.model`), sha256: fileSha256(join(dir, `${legacy}.model`)), metrics: {}, config: { ...v!.config, members: undefined } });
    await engine.dispatcher.call('models.promote', { version: legacy });
    const list = await engine.dispatcher.call('recommend', { shopperId: 'U00003', k: 10 });
    expect(list.items.some((i) => i.sources.includes('learned'))).toBe(true);
    expect(list.modelVersion).toContain(legacy);

    // Incremental from it: member 0 continues its one model, member 1 (which it lacks) the same weights with its own seed; said in the result.
    copyFileSync(join(dir, `${v!.version}.m0.ckpt`), join(dir, `${legacy}.ckpt`));
    const first = requests.length;
    const done = await engine.jobs.wait((await engine.dispatcher.call('finetune.start', { epochs: 1, fromServing: true })).jobId);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ comparedWith: legacy, members: 2, notes: [expect.stringMatching(/has 1 member.*member 0's weights with their own seeds/)] });
    expect(requests.slice(first).map((r) => r.resumeFromPath)).toEqual([0, 1].map((k) => join(dir, `${String(done.result?.version)}.m${k}.start.ckpt`)));
    const [c0, c1] = [0, 1].map((k) => loadCheckpoint(join(dir, `${String(done.result?.version)}.m${k}.start.ckpt`)));
    expect(c1!.training.seed).toBe(c0!.training.seed + 1);
    expect(c1!.best.values).toEqual(c0!.best.values);
  }, 120_000);
});
