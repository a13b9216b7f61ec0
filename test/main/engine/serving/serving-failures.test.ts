import { Worker } from 'node:worker_threads';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { Ranker, rankOptions } from '../../../../src/main/engine/ranking';
import type { LiveListRequest } from '../../../../src/main/engine/recommend/live-list';
import { shopperState } from '../../../../src/main/engine/recommend/shopper-state';
import { ServingPool } from '../../../../src/main/engine/serving/serving-pool';
import type { ServingWorkerData } from '../../../../src/main/engine/serving/serving-messages';
import { demoShopperId } from '../../../../src/main/engine/demo';
import { generateCatalog, generateShopperEvents } from '../../../../src/main/engine/demo';
import { tempEngine } from '../../../helpers/temp-dir';
import { keptLog, poolData } from './serving-fixture';
import { writeRandomModel } from '../finetune/random-intent-model';

const WORKER_SOURCE = resolve(__dirname, '../../../../src/main/engine/serving/serving-worker.ts');

function realWorker(started: Worker[]): (data: ServingWorkerData) => Worker {
  return (data) => {
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_SOURCE)});`, { eval: true, workerData: data });
    started.push(worker);
    return worker;
  };
}

describe('serving worker failures', () => {
  // No text vectors needed here: behaviour, popularity and the catalogue are enough to rank.
  const env = tempEngine({ servingWorkers: 0 });
  const engine: Engine = env.engine;
  const fx = { env };

  beforeAll(() => {
    const catalog = generateCatalog({ seed: 3, count: 150 });
    engine.catalog.upsertItems(catalog);
    engine.events.insertEvents(generateShopperEvents({ seed: 3, catalog, shoppers: 20, startTs: Date.now() - 3 * 86_400_000, days: 3 }), { rejectWholeBatch: false });
  });
  afterAll(async () => env.cleanup());

  function request(shopperId: string): LiveListRequest {
    const state = shopperState(engine.sessions.recent(shopperId), null, Date.now(), { retrieval: engine.retrieval(), queries: undefined, purchaseModel: undefined });
    const plan = new Ranker({ weights: engine.weights, rules: engine.rules, impressions: engine.impressions }).plan({ slot: 'home', k: 10, shopperId, sessionId: null, coldStart: false, purchaseIntent: 0, modelVersion: 'test' });
    return { kind: 'recommend', state, cacheShopper: shopperId, query: null, queryVector: null, ranking: rankOptions({ slot: 'home', k: 10 }, plan), exploration: null };
  }

  it('hands every list back to the engine\u2019s thread once a worker dies, the one in flight included, and says so once', async () => {
    const started: Worker[] = [];
    const logged = keptLog();
    const pool = new ServingPool({ workers: 1, data: poolData(engine, fx.env.dir), modelPath: () => 'unused', random: Math.random, startWorker: realWorker(started), log: logged.log });
    await pool.whenSettled();
    expect(await pool.rank(request(demoShopperId(1)), undefined)).toBeDefined();
    // The next request never reaches the worker (held back here), so it is surely in flight when the
    // worker dies, however fast the machine: the pool must hand it back rather than wait for it.
    const worker = started[0]!;
    const post = worker.postMessage.bind(worker);
    worker.postMessage = () => undefined;
    const inFlight = pool.rank(request(demoShopperId(2)), undefined);
    worker.postMessage = post;
    await worker.terminate();
    expect(await inFlight).toBeUndefined();
    for (let i = 3; i < 6; i++) expect(pool.rank(request(demoShopperId(i)), undefined)).toBeUndefined();
    expect(logged.warn).toHaveLength(1);
    expect(logged.warn[0]).toMatch(/worker 1 stopped .*engine's thread/);
    expect(pool.served).toEqual({ byWorkers: 1, onEngineThread: 4 });
    await pool.close();
  });

  it('answers a list naming a model the worker cannot load on the engine\u2019s thread, asks it once and logs its failure once', async () => {
    const logged = keptLog();
    const asked: string[] = [];
    const pool = new ServingPool({ workers: 1, data: poolData(engine, fx.env.dir), modelPath: (v) => (asked.push(v), '/no/such/model.members.json'), random: Math.random, log: logged.log });
    await pool.whenSettled();
    const learned = { version: 'v-missing' } as Parameters<ServingPool['rank']>[1];
    expect(await pool.rank(request(demoShopperId(1)), learned)).toBeUndefined();
    for (let i = 0; i < 100 && logged.warn.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await pool.rank(request(demoShopperId(2)), learned)).toBeUndefined();
    expect(await pool.rank(request(demoShopperId(3)), undefined)).toBeDefined();
    expect(asked).toEqual(['v-missing']);
    expect(logged.warn).toHaveLength(1);
    expect(logged.warn[0]).toMatch(/worker 1 could not load intent model v-missing .*no such file.*engine's thread/);
    expect(pool.served).toEqual({ byWorkers: 1, onEngineThread: 2 });
    await pool.close();
  });

  it('sends lists naming a promoted model to a worker only once it says it has loaded it (in slices, while it ranks others)', async () => {
    const logged = keptLog();
    const itemIds = engine.catalog.list({ limit: 500, offset: 0 }).items.map((i) => i.itemId);
    const { path } = writeRandomModel(fx.env.dir, 'v-pre', itemIds, { config: { useText: false } });
    const pool = new ServingPool({ workers: 1, data: poolData(engine, fx.env.dir), modelPath: () => path, random: Math.random, log: logged.log });
    await pool.whenSettled();
    const learned = { version: 'v-pre' } as Parameters<ServingPool['rank']>[1];
    pool.preload('v-pre');
    // Asked, not yet loaded: the engine's thread ranks it.
    expect(pool.rank(request(demoShopperId(1)), learned)).toBeUndefined();
    // Lists naming no model keep going to the worker meanwhile.
    expect(await pool.rank(request(demoShopperId(2)), undefined)).toBeDefined();
    let outcome: Awaited<ReturnType<ServingPool['rank']>>;
    for (let i = 0; i < 250 && outcome === undefined; i++) {
      await new Promise((r) => setTimeout(r, 20));
      outcome = await pool.rank(request(demoShopperId(3)), learned);
    }
    expect(outcome).toBeDefined();
    expect(logged.warn).toEqual([]);
    await pool.close();
  });

  it('a replica that cannot load says why and the pool serves on the engine\u2019s thread', async () => {
    const logged = keptLog();
    const pool = new ServingPool({ workers: 1, data: { ...poolData(engine, fx.env.dir), dbPath: '/no/such/instinct.db' }, modelPath: () => 'unused', random: Math.random, log: logged.log });
    await pool.whenSettled();
    expect(pool.readyCount).toBe(0);
    expect(pool.rank(request(demoShopperId(1)), undefined)).toBeUndefined();
    expect(logged.warn.join('\n')).toMatch(/could not load its replica/);
    await pool.close();
  });
});
