import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCatalog, generateShopperEvents, demoShopperId } from '../../../../src/main/engine/demo';
import { Engine } from '../../../../src/main/engine/engine';
import { Ranker, rankOptions } from '../../../../src/main/engine/ranking';
import type { LiveListRequest } from '../../../../src/main/engine/recommend/live-list';
import { shopperState } from '../../../../src/main/engine/recommend/shopper-state';
import type { ModelReport } from '../../../../src/main/engine/serving/serving-messages';
import { ServingReplica } from '../../../../src/main/engine/serving/serving-replica';
import { tempDir } from '../../../helpers/temp-dir';
import { writeRandomModel } from '../finetune/random-intent-model';
import { poolData } from './serving-fixture';

/** A list naming a model the replica does not hold (evicted after the engine was told): no load in one piece on the worker. */
describe('a serving replica asked for a model it does not hold', () => {
  const tmp = tempDir();
  let engine: Engine;
  let replica: ServingReplica;
  const reports: ModelReport[] = [];
  let modelPath = '';

  beforeAll(async () => {
    engine = new Engine({ dataDir: tmp.dir, host: 'test', servingWorkers: 0 });
    const catalog = generateCatalog({ seed: 6, count: 200 });
    engine.catalog.upsertItems(catalog);
    engine.events.insertEvents(generateShopperEvents({ seed: 6, catalog, shoppers: 10, startTs: Date.now() - 86_400_000, days: 1 }), { rejectWholeBatch: false });
    modelPath = writeRandomModel(tmp.dir, 'v-r', catalog.map((i) => i.itemId), { config: { useText: false } }).path;
    await engine.start({ embedMissing: false });
    replica = new ServingReplica({ ...poolData(engine, tmp.dir), workerId: 1 }, (m) => reports.push(m));
  }, 120_000);
  afterAll(async () => {
    replica?.close();
    await engine.close();
    tmp.cleanup();
  });

  function request(shopperId: string): LiveListRequest {
    const events = engine.sessions.recent(shopperId);
    const state = shopperState(events, null, Date.now(), { retrieval: engine.retrieval(), queries: undefined, purchaseModel: undefined });
    const ranker = new Ranker({ weights: engine.weights, rules: engine.rules, impressions: engine.impressions });
    const plan = ranker.plan({ slot: 'home', k: 10, shopperId, sessionId: null, coldStart: events.length === 0, purchaseIntent: state.purchase, modelVersion: 'test' });
    return { kind: 'recommend', state, cacheShopper: null, query: null, queryVector: null, ranking: rankOptions({ slot: 'home', k: 10 }, plan), exploration: null };
  }

  it('fails that list at once (the engine ranks it), loads the model in slices, and ranks with it from then on', async () => {
    const job = { type: 'rank' as const, id: 1, minSeq: 0, list: request(demoShopperId(1)), learned: { version: 'v-r', path: modelPath }, seed: 0 };
    expect(() => replica.rank(job)).toThrow(/intent model v-r is not loaded on this replica/);
    // Not loaded in that call: the load goes on in the background and reports when it is done.
    expect(replica.modelVersions).toEqual([]);
    expect(() => replica.rank({ ...job, id: 2 })).toThrow(/not loaded/);
    await vi.waitFor(() => expect(reports).toContainEqual({ type: 'models', versions: ['v-r'] }), { timeout: 30_000, interval: 10 });
    expect(replica.rank({ ...job, id: 3 }).items.length).toBeGreaterThan(0);
  }, 60_000);
});
