import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalog, generateShopperEvents, demoShopperId } from '../../../../src/main/engine/demo';
import { Engine } from '../../../../src/main/engine/engine';
import { ServingIntentModel } from '../../../../src/main/engine/finetune/serving-intent-model';
import { tempDir } from '../../../helpers/temp-dir';
import { writeRandomModel } from '../finetune/random-intent-model';
import { watchTimerGaps } from '../../../helpers/timer-gaps';

/** Promotes through the engine's dispatcher, with a real model on disk (id-only: no text encoder needed). */
describe('promoting an intent model on a running engine', () => {
  const tmp = tempDir();
  let engine: Engine;
  const register = (version: string, itemIds: readonly string[], config = {}) => {
    const { path, sha256 } = writeRandomModel(tmp.dir, version, itemIds, { config: { useText: false, ...config } });
    engine.intentModels.register({ version, path, sha256, metrics: {}, config: {} });
    return path;
  };
  let catalogueIds: string[] = [];
  let bigPath = '';

  beforeAll(async () => {
    engine = new Engine({ dataDir: tmp.dir, host: 'test', servingWorkers: 0 });
    const catalog = generateCatalog({ seed: 4, count: 200 });
    engine.catalog.upsertItems(catalog);
    engine.events.insertEvents(generateShopperEvents({ seed: 4, catalog, shoppers: 30, startTs: Date.now() - 3 * 86_400_000, days: 3 }), { rejectWholeBatch: false });
    catalogueIds = catalog.map((i) => i.itemId);
    register('v-a', catalogueIds);
    // The catalogue's items and 200k more: a model whose load takes the thread well over 100 ms in one piece.
    bigPath = register('v-b', [...catalogueIds, ...Array.from({ length: 200_000 }, (_, i) => `pad-${i}`)], { dim: 64 });
    await engine.dispatcher.call('recommend', { shopperId: demoShopperId(1), k: 5 });
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('answers requests with the old model while the new one loads (the timer never waits for the whole load), then with the new one', async () => {
    await engine.dispatcher.call('models.promote', { version: 'v-a' });
    expect((await engine.dispatcher.call('recommend', { shopperId: demoShopperId(2), k: 5 })).modelVersion).toMatch(/\+v-a$/);
    // The load in one piece, warm (the shorter of two): over 100 ms of a stalled thread.
    const oneMs = Math.min(
      ...[0, 1].map(() => {
        const t0 = performance.now();
        ServingIntentModel.load('v-b', bigPath, engine.vectors, null);
        return performance.now() - t0;
      }),
    );
    expect(oneMs).toBeGreaterThan(100);

    const gaps = watchTimerGaps();
    let done = false;
    const promoting = engine.dispatcher.call('models.promote', { version: 'v-b' }).finally(() => (done = true));
    const during: string[] = [];
    try {
      for (let i = 3; !done; i++) {
        const list = await engine.dispatcher.call('recommend', { shopperId: demoShopperId(i % 30), k: 5 });
        if (!done) during.push(list.modelVersion);
        // As requests over a socket arrive: each in its own turn of the event loop.
        await new Promise((r) => setImmediate(r));
      }
      expect((await promoting).serving?.version).toBe('v-b');
    } finally {
      gaps.stop();
    }
    const longestGap = gaps.stop().longest;
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((v) => v.endsWith('+v-a'))).toBe(true);
    expect(longestGap).toBeLessThan(oneMs / 2);
    expect((await engine.dispatcher.call('recommend', { shopperId: demoShopperId(2), k: 5 })).modelVersion).toMatch(/\+v-b$/);
  }, 60_000);

  it('a version whose file is corrupt fails the promote, naming it; the old model keeps serving; the audit log says so', async () => {
    const path = register('v-bad', catalogueIds);
    const bytes = readFileSync(path);
    bytes[40] = bytes[40]! ^ 0xff;
    writeFileSync(path, bytes);
    await expect(engine.dispatcher.call('models.promote', { version: 'v-bad' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/version v-bad cannot serve: checkpoint .*v-bad\.model is unusable/) });
    expect((await engine.dispatcher.call('models.list', {})).find((v) => v.status === 'serving')?.version).toBe('v-b');
    expect((await engine.dispatcher.call('recommend', { shopperId: demoShopperId(2), k: 5 })).modelVersion).toMatch(/\+v-b$/);
    const audit = await engine.dispatcher.call('audit.list', { action: 'model.load_failed' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ target: 'v-bad' });
  });

  it('two promotes sent together: the later serves', async () => {
    const [first, second] = await Promise.all([engine.dispatcher.call('models.promote', { version: 'v-b' }), engine.dispatcher.call('models.promote', { version: 'v-a' })]);
    expect(first.serving?.version).toBe('v-b');
    expect(second.serving?.version).toBe('v-a');
    expect((await engine.dispatcher.call('recommend', { shopperId: demoShopperId(2), k: 5 })).modelVersion).toMatch(/\+v-a$/);
    expect((await engine.dispatcher.call('models.list', {})).find((v) => v.status === 'serving')?.version).toBe('v-a');
  }, 60_000);

  it('after a restart, start() loads the serving version the same way; a version that cannot load is audited and the text intent serves', async () => {
    await engine.close();
    engine = new Engine({ dataDir: tmp.dir, host: 'test', servingWorkers: 0 });
    await engine.start({ embedMissing: false });
    expect((await engine.dispatcher.call('recommend', { shopperId: demoShopperId(2), k: 5 })).modelVersion).toMatch(/\+v-a$/);

    // v-a's file is damaged while the engine is down.
    const path = join(tmp.dir, 'v-a.model');
    const bytes = readFileSync(path);
    bytes[60] = bytes[60]! ^ 0xff;
    writeFileSync(path, bytes);
    await engine.close();
    engine = new Engine({ dataDir: tmp.dir, host: 'test', servingWorkers: 0 });
    await engine.start({ embedMissing: false });
    expect((await engine.dispatcher.call('recommend', { shopperId: demoShopperId(2), k: 5 })).modelVersion).not.toContain('v-a');
    const audit = await engine.dispatcher.call('audit.list', { action: 'model.load_failed' });
    expect(audit.entries[0]).toMatchObject({ actor: 'engine', target: 'v-a' });
  }, 120_000);
});
