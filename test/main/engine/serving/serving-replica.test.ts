import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { DEFAULT_FUSION_WEIGHTS, Ranker, rankOptions, type ExplorationSettings } from '../../../../src/main/engine/ranking';
import { seededRandom } from '../../../../src/main/engine/ranking/intent/seeded-random';
import { AnnCache } from '../../../../src/main/engine/recommend/ann-cache';
import { rankLiveList, type LiveListRequest } from '../../../../src/main/engine/recommend/live-list';
import { shopperState } from '../../../../src/main/engine/recommend/shopper-state';
import { ServingPool } from '../../../../src/main/engine/serving/serving-pool';
import { demoShopperId } from '../../../../src/main/engine/demo';
import type { CatalogItem } from '../../../../src/shared/contract';
import { recommendFixture } from '../recommend/recommend-fixture';
import { keptLog, poolData } from './serving-fixture';

const EXPLORE: ExplorationSettings = { enabled: true, rate: 0.5, fromPosition: 2, toPosition: 8, poolSize: 20 };
const SEED_DRAW = 0.123456;

/**
 * A serving worker's replica against the engine's own thread, request by request: the same
 * resolved request must give the same list, scores, features and exploration draws.
 */
describe('serving replica', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  let catalog: CatalogItem[];
  let pool: ServingPool;
  const logged = keptLog();

  beforeAll(async () => {
    fx = await recommendFixture(400, 80, { servingWorkers: 0 });
    engine = fx.engine;
    catalog = fx.catalog;
    pool = new ServingPool({ workers: 1, data: poolData(engine, fx.env.dir), modelPath: () => 'unused', random: () => SEED_DRAW, log: logged.log });
    engine.bus.subscribe('events.ingested', (events) => pool.observe(events));
    engine.catalog.onUpsert((ids) => pool.upsertItems(ids.flatMap((id) => engine.catalog.get(id) ?? [])));
    await pool.whenSettled();
  }, 180_000);
  afterAll(async () => {
    await pool?.close();
    await fx?.env.cleanup();
  });

  function request(shopperId: string | null, options: { query?: string; exploration?: ExplorationSettings } = {}): LiveListRequest {
    const retrieval = engine.retrieval();
    const events = shopperId ? engine.sessions.recent(shopperId) : [];
    const state = shopperState(events, null, Date.now(), { retrieval, queries: undefined, purchaseModel: engine.fitPurchaseIntent() });
    const ranker = new Ranker({ weights: engine.weights, rules: engine.rules, impressions: engine.impressions, diversity: options.query ? {} : { mmrLambda: 0.85, maxPerCategory: 5 }, exploration: () => options.exploration ?? { ...EXPLORE, enabled: false } });
    const plan = ranker.plan({ slot: options.query ? 'search' : 'home', k: 10, shopperId, sessionId: null, coldStart: events.length === 0, purchaseIntent: state.purchase, modelVersion: 'test' });
    return {
      kind: options.query ? 'search' : 'recommend',
      state,
      cacheShopper: null,
      query: options.query ?? null,
      queryVector: null,
      ranking: rankOptions({ slot: options.query ? 'search' : 'home', k: 10 }, plan),
      exploration: plan.exploration ?? null,
    };
  }

  function onThisThread(req: LiveListRequest): ReturnType<typeof rankLiveList> {
    return rankLiveList(req, undefined, { retrieval: engine.retrieval(), items: engine.items, visual: engine.visual.vectors, ann: new AnnCache() }, seededRandom(Math.floor(SEED_DRAW * 2 ** 32)));
  }

  it('ranks every shopper exactly as the engine\u2019s thread: items, scores, explanations, features', async () => {
    expect(pool.readyCount).toBe(1);
    for (let i = 1; i <= 30; i++) {
      const req = request(demoShopperId(i));
      const local = onThisThread(req);
      const remote = await pool.rank(req, undefined);
      expect(remote).toBeDefined();
      expect(remote!.items).toEqual(local.items);
      expect([...remote!.features]).toEqual([...local.features]);
      expect(remote!.exploration).toBeNull();
    }
    const search = request(demoShopperId(3), { query: catalog[10]!.title.split(' ').slice(-2).join(' ') });
    expect((await pool.rank(search, undefined))!.items).toEqual(onThisThread(search).items);
  });

  it('draws exploration from the seed the engine hands it: same shuffles, same propensities', async () => {
    let shuffled = 0;
    for (let i = 1; i <= 20; i++) {
      const req = request(demoShopperId(i), { exploration: EXPLORE });
      const local = onThisThread(req);
      const remote = (await pool.rank(req, undefined))!;
      expect(remote.exploration).toEqual(local.exploration);
      expect(remote.items.map((x) => [x.itemId, x.propensity])).toEqual(local.items.map((x) => [x.itemId, x.propensity]));
      if (remote.exploration?.shuffled) shuffled++;
    }
    // The same draw for every request here: the shuffle decision is the same for all of them.
    expect(shuffled === 0 || shuffled === 20).toBe(true);
  });

  it('follows the events and catalogue rows the engine stores, in order, before the next request', async () => {
    const [a, b] = [`new-a-${Date.now()}`, `new-b-${Date.now()}`];
    engine.catalog.upsertItems([{ itemId: a, title: 'Fresh arrival A', category: 'New', price: 10 }, { itemId: b, title: 'Fresh arrival B', category: 'New', price: 12 }]);
    for (let s = 0; s < 6; s++) {
      await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: `trail-${s}`, itemId: a }, { type: 'view', shopperId: `trail-${s}`, itemId: b }] });
    }
    await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: 'follower', itemId: a }] });
    const req = { ...request('follower'), ranking: { ...request('follower').ranking, k: 40, weights: { ...DEFAULT_FUSION_WEIGHTS, behaviour: 5 } } };
    const remote = (await pool.rank(req, undefined))!;
    expect(remote.items.find((x) => x.itemId === b)?.sources).toContain('covisit');
    expect(remote.items).toEqual(onThisThread(req).items);
    expect(logged.warn).toEqual([]);
  });

  it('hands the intent’s nearest items between threads: searched once, returned once, not searched again where they are given', async () => {
    const retrieval = engine.retrieval();
    let searches = 0;
    const counting = Object.create(retrieval) as typeof retrieval;
    counting.annCandidates = (vector, k) => {
      searches++;
      return retrieval.annCandidates(vector, k);
    };
    const deps = (ann: AnnCache) => ({ retrieval: counting, items: engine.items, visual: engine.visual.vectors, ann });
    const random = () => seededRandom(1);
    const shopperId = demoShopperId(7);
    const req = { ...request(shopperId), cacheShopper: shopperId };
    expect(req.state.intent.vector).not.toBeNull();

    // This thread searches and says so; asked again with nothing new, its own cache answers.
    const here = new AnnCache();
    const first = rankLiveList(req, undefined, deps(here), random());
    expect(searches).toBe(1);
    expect(first.annHits).toHaveLength(retrieval.annCandidates(req.state.intent.vector!, 100).length);
    const again = rankLiveList(req, undefined, deps(here), random());
    expect(searches).toBe(1);
    expect(again.annHits).toBeUndefined();

    // Another thread with an empty cache searches again, unless the request brings the hits.
    const elsewhere = rankLiveList({ ...req, annHits: first.annHits! }, undefined, deps(new AnnCache()), random());
    expect(searches).toBe(1);
    expect(elsewhere.annHits).toBeUndefined();
    expect(elsewhere.items).toEqual(first.items);
    rankLiveList(req, undefined, deps(new AnnCache()), random());
    expect(searches).toBe(2);

    // Through the worker: its outcome carries the hits it searched for, and a request bringing them is ranked alike.
    const viaWorker = await pool.rank({ ...req, cacheShopper: `${shopperId}-worker` }, undefined);
    expect(viaWorker!.annHits?.map((h) => h.itemId)).toEqual(first.annHits!.map((h) => h.itemId));
    const given = await pool.rank({ ...req, cacheShopper: `${shopperId}-given`, annHits: first.annHits! }, undefined);
    expect(given!.annHits).toBeUndefined();
    expect(given!.items).toEqual(first.items);
  });
});
