import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCatalog, generateShopperEvents, demoShopperId } from '../../../../src/main/engine/demo';
import { Engine } from '../../../../src/main/engine/engine';
import { ServingIntentModel } from '../../../../src/main/engine/finetune/serving-intent-model';
import { tempDir } from '../../../helpers/temp-dir';
import { writeRandomModel } from '../finetune/random-intent-model';

const SHOPPERS = 30;

/** An experiment arm naming an intent model that is not loaded: the engine loads it in the background and serves meanwhile, honestly. */
describe('an experiment arm\u2019s intent model on a running engine', () => {
  const tmp = tempDir();
  let engine: Engine;
  /** Loads of the arm's version wait for this (the real load runs once it is released). */
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const realLoadAsync = ServingIntentModel.loadAsync.bind(ServingIntentModel);
  const loads: string[] = [];

  beforeAll(async () => {
    vi.spyOn(ServingIntentModel, 'loadAsync').mockImplementation(async (version, ...rest) => {
      loads.push(version);
      if (version === 'v-arm') await gate;
      return realLoadAsync(version, ...rest);
    });
    engine = new Engine({ dataDir: tmp.dir, host: 'test', servingWorkers: 0 });
    const catalog = generateCatalog({ seed: 5, count: 200 });
    engine.catalog.upsertItems(catalog);
    engine.events.insertEvents(generateShopperEvents({ seed: 5, catalog, shoppers: SHOPPERS, startTs: Date.now() - 3 * 86_400_000, days: 3 }), { rejectWholeBatch: false });
    const ids = catalog.map((i) => i.itemId);
    for (const version of ['v-arm', 'v-bad']) {
      const { path, sha256 } = writeRandomModel(tmp.dir, version, ids, { config: { useText: false } });
      engine.intentModels.register({ version, path, sha256, metrics: {}, config: {} });
      if (version === 'v-bad') {
        const bytes = readFileSync(path);
        bytes[40] = bytes[40]! ^ 0xff;
        writeFileSync(path, bytes);
      }
    }
    await engine.start({ embedMissing: false });
  }, 120_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await engine.close();
    tmp.cleanup();
  });

  const results = (experimentId: string) => engine.dispatcher.call('experiments.results', { experimentId });
  const startExperiment = async (name: string, modelVersion: string) => {
    const experiment = await engine.dispatcher.call('experiments.create', {
      name,
      slots: ['home'],
      arms: [
        { armId: 'control', name: 'control', share: 0.5, policy: {} },
        { armId: 'model', name: 'model', share: 0.5, policy: { modelVersion } },
      ],
    });
    await engine.dispatcher.call('experiments.start', { experimentId: experiment.experimentId });
    return experiment.experimentId;
  };

  it('answers lists while the arm\u2019s model loads, served and logged as everyone\u2019s; once loaded, the arm serves its model and the log says so', async () => {
    const experimentId = await startExperiment('arm model', 'v-arm');
    expect(loads).toContain('v-arm');
    expect((await results(experimentId)).armModels).toEqual([{ version: 'v-arm', state: 'loading', error: null }]);
    // The load is held: every list below is answered without it (were one to wait, this test would time out).
    for (let i = 1; i <= SHOPPERS; i++) {
      const list = await engine.dispatcher.call('recommend', { shopperId: demoShopperId(i), k: 5 });
      expect(list.experiment).toBeNull();
      expect(list.modelVersion).not.toContain('v-arm');
      const logged = engine.impressions.get(list.impressionId)!;
      expect(logged.experiment).toBeNull();
      expect(logged.modelVersion).toBe(list.modelVersion);
    }
    expect((await results(experimentId)).armModels?.[0]?.state).toBe('loading');

    release();
    await vi.waitFor(async () => expect((await results(experimentId)).armModels).toEqual([{ version: 'v-arm', state: 'ready', error: null }]), { timeout: 30_000, interval: 20 });
    const arms = new Set<string>();
    for (let i = 1; i <= SHOPPERS; i++) {
      const list = await engine.dispatcher.call('recommend', { shopperId: demoShopperId(i), k: 5 });
      expect(list.experiment?.experimentId).toBe(experimentId);
      const armId = list.experiment!.armId;
      arms.add(armId);
      if (armId === 'model') expect(list.modelVersion).toMatch(/\+v-arm$/);
      else expect(list.modelVersion).not.toContain('v-arm');
      const logged = engine.impressions.get(list.impressionId)!;
      expect(logged.experiment).toEqual(list.experiment);
      expect(logged.modelVersion).toBe(list.modelVersion);
    }
    expect(arms).toEqual(new Set(['control', 'model']));
    await engine.dispatcher.call('experiments.stop', { experimentId, confirm: { reason: 'test over' } });
  }, 60_000);

  it('a version that fails to load is audited and shown in the results; lists go on, counted for no arm', async () => {
    const experimentId = await startExperiment('broken arm model', 'v-bad');
    await vi.waitFor(async () => expect((await results(experimentId)).armModels?.[0]?.state).toBe('failed'), { timeout: 30_000, interval: 20 });
    expect((await results(experimentId)).armModels?.[0]?.error).toMatch(/v-bad/);
    const audit = await engine.dispatcher.call('audit.list', { action: 'model.load_failed' });
    expect(audit.entries[0]).toMatchObject({ actor: 'engine', target: 'v-bad', detail: { use: 'experiment arm', experiments: [experimentId] } });
    for (let i = 1; i <= 10; i++) {
      const list = await engine.dispatcher.call('recommend', { shopperId: demoShopperId(i), k: 5 });
      expect(list.experiment).toBeNull();
      expect(engine.impressions.get(list.impressionId)!.experiment).toBeNull();
    }
    expect((await results(experimentId)).arms.every((a) => a.counts.lists === 0)).toBe(true);
    await engine.dispatcher.call('experiments.stop', { experimentId, confirm: { reason: 'test over' } });
  }, 60_000);

  it('after a restart, a running experiment\u2019s arm models load at start, in the background', async () => {
    const experimentId = await startExperiment('across a restart', 'v-arm');
    await vi.waitFor(async () => expect((await results(experimentId)).armModels?.[0]?.state).toBe('ready'), { timeout: 30_000, interval: 20 });
    await engine.close();
    loads.length = 0;
    engine = new Engine({ dataDir: tmp.dir, host: 'test', servingWorkers: 0 });
    expect(loads).toEqual(['v-arm']);
    await engine.start({ embedMissing: false });
    await vi.waitFor(async () => expect((await results(experimentId)).armModels?.[0]?.state).toBe('ready'), { timeout: 30_000, interval: 20 });
    const list = await engine.dispatcher.call('recommend', { shopperId: demoShopperId(3), k: 5 });
    expect(list.experiment?.experimentId).toBe(experimentId);
  }, 60_000);
});
