import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { windowPropensity } from '../../../../src/main/engine/ranking';
import { startHttpServer, type RunningServer } from '../../../../src/main/engine/server/http-server';
import { QueryVectors } from '../../../../src/main/engine/recommend/query-vectors';
import { demoShopperId } from '../../../../src/main/engine/demo';
import type { CatalogItem, RankedList } from '../../../../src/shared/contract';
import { ServingPool } from '../../../../src/main/engine/serving/serving-pool';
import type { LiveListRequest } from '../../../../src/main/engine/recommend/live-list';
import { recommendFixture } from '../recommend/recommend-fixture';

/** The whole engine with one serving worker: what the worker ranks is logged, labelled and fresh as on one thread. */
describe('engine with a serving worker', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  let catalog: CatalogItem[];
  let server: RunningServer;

  beforeAll(async () => {
    fx = await recommendFixture(400, 80, { servingWorkers: 1, servingOffload: 'always' });
    engine = fx.engine;
    catalog = fx.catalog;
    server = await startHttpServer(engine);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await fx?.env.cleanup();
  });

  async function call<T>(method: string, body: unknown): Promise<T> {
    const res = await fetch(`${server.url}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(body) });
    const envelope = (await res.json()) as { ok: boolean; result: T; error?: unknown };
    if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
    return envelope.result;
  }

  it('starts its worker, which ranks the lists', async () => {
    const before = (await engine.servingWorkers()).served.byWorkers;
    expect((await engine.servingWorkers()).ready).toBe(1);
    await engine.dispatcher.call('recommend', { shopperId: demoShopperId(1), k: 10 });
    expect((await engine.servingWorkers()).served.byWorkers).toBe(before + 1);
  });

  it('reflects an acknowledged event in the very next list over HTTP, every time', async () => {
    // Six shoppers go from a new item to another: the next shopper to view the first is shown the second, by co-visitation.
    const stamp = Date.now();
    const pairs = Array.from({ length: 5 }, (_, p) => [`fresh-${stamp}-${p}-a`, `fresh-${stamp}-${p}-b`] as const);
    engine.catalog.upsertItems(pairs.flatMap(([a, b]) => [{ itemId: a, title: `Fresh pair ${p(a)} first`, category: 'Fresh', price: 20 }, { itemId: b, title: `Fresh pair ${p(b)} second`, category: 'Fresh', price: 21 }]));
    for (const [a, b] of pairs) {
      for (let s = 0; s < 6; s++) await call('events.ingest', { events: [{ type: 'view', shopperId: `trail-${a}-${s}`, itemId: a }, { type: 'view', shopperId: `trail-${a}-${s}`, itemId: b }] });
      // The ack, then at once the list: the worker must already know the trails and the follower's view.
      await call('events.ingest', { events: [{ type: 'view', shopperId: `follower-${a}`, itemId: a }] });
      const list = await call<RankedList>('recommend', { shopperId: `follower-${a}`, k: 20 });
      expect(list.coldStart).toBe(false);
      expect(list.items.find((i) => i.itemId === b)?.sources).toContain('covisit');
    }
    const { served } = await engine.servingWorkers();
    expect(served.onEngineThread).toBe(0);
  });

  it('keeps the nearest items a worker searched for, and sends a worker only the ones this thread searched for', async () => {
    const sent: (LiveListRequest | 'kept here')[] = [];
    const rank = ServingPool.prototype.rank;
    let keepNext = false;
    ServingPool.prototype.rank = function (this: ServingPool, list, learned) {
      if (keepNext) {
        keepNext = false;
        sent.push('kept here');
        return undefined;
      }
      sent.push(list);
      return rank.call(this, list, learned);
    };
    const retrieval = engine.retrieval();
    const search = retrieval.annCandidates;
    let searchedHere = 0;
    retrieval.annCandidates = (vector, k) => {
      searchedHere++;
      return search.call(retrieval, vector, k);
    };
    const list = () => engine.dispatcher.call('recommend', { shopperId: demoShopperId(40), k: 10 });
    try {
      await list(); // the worker searches and returns its hits
      keepNext = true;
      await list(); // ranked here: the worker's hits, no search
      expect(searchedHere).toBe(0);
      await list(); // the worker holds its own hits: none sent
      await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: demoShopperId(40), itemId: catalog[3]!.itemId }] });
      keepNext = true;
      await list(); // a new intent, ranked here: searched here
      expect(searchedHere).toBe(1);
      await list(); // this thread's hits go with the list
      expect(sent.map((l) => (l === 'kept here' ? l : (l.annHits?.length ?? 0)))).toEqual([0, 'kept here', 0, 'kept here', expect.any(Number)]);
      expect((sent[4] as LiveListRequest).annHits!.length).toBeGreaterThan(0);
      expect((sent[0] as LiveListRequest).state.intent.vector).not.toBeNull();
    } finally {
      ServingPool.prototype.rank = rank;
      retrieval.annCandidates = search;
    }
  });

  it('keeps experiment arms and policy labels, and logs every list on the engine\u2019s thread', async () => {
    const experiment = await engine.dispatcher.call('experiments.create', {
      name: 'holdout check',
      slots: ['home'],
      arms: [
        { armId: 'control', name: 'control', share: 0.5, policy: {} },
        { armId: 'holdout', name: 'holdout', share: 0.5, policy: { holdout: true } },
      ],
    });
    await engine.dispatcher.call('experiments.start', { experimentId: experiment.experimentId });
    const arms = new Set<string>();
    for (let i = 1; i <= 24; i++) {
      const shopperId = demoShopperId(i);
      const list = await engine.dispatcher.call('recommend', { shopperId, k: 10 });
      const armId = engine.experiments.assign('home', shopperId)!.armId;
      arms.add(armId);
      expect(list.experiment).toEqual({ experimentId: experiment.experimentId, armId });
      expect(list.policy).toBe(armId === 'holdout' ? 'holdout' : 'weights');
      const logged = engine.impressions.get(list.impressionId)!;
      expect(logged.experiment).toEqual(list.experiment);
      expect(logged.policy).toBe(list.policy);
      expect(logged.items.map((x) => x.itemId)).toEqual(list.items.map((x) => x.itemId));
    }
    expect(arms.size).toBe(2);
    await engine.dispatcher.call('experiments.stop', { experimentId: experiment.experimentId, confirm: { reason: 'test over' } });
  });

  it('logs randomised lists with the exact propensity of every explored position', async () => {
    await engine.dispatcher.call('exploration.configure', { slot: 'home', settings: { enabled: true, rate: 0.5, fromPosition: 1, toPosition: 8, poolSize: 20 }, note: 'test' });
    let shuffled = 0;
    for (let i = 1; i <= 30; i++) {
      const list = await engine.dispatcher.call('recommend', { shopperId: demoShopperId(i), k: 10 });
      const policy = engine.impressions.policyOf(list.impressionId)!;
      expect(policy.kind).toBe('randomised');
      const record = policy.exploration!;
      if (record.shuffled) shuffled++;
      list.items.forEach((item) => {
        const w = record.positions.indexOf(item.position);
        expect(item.propensity).toBeCloseTo(w < 0 ? 1 : windowPropensity(record, item.itemId, w), 12);
      });
    }
    expect(shuffled).toBeGreaterThan(0);
    expect(shuffled).toBeLessThan(30);
    await engine.dispatcher.call('exploration.configure', { slot: 'home', settings: { enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 }, note: 'test' });
  });

  it('searches on the worker too: the query becomes an event, the list is logged', async () => {
    const before = (await engine.servingWorkers()).served.byWorkers;
    const list = await engine.dispatcher.call('search', { query: catalog[42]!.title.split(' ').slice(-2).join(' '), shopperId: 'searcher-1', k: 10 });
    expect(list.items.length).toBeGreaterThan(0);
    expect(engine.impressions.get(list.impressionId)?.slot).toBe('search');
    expect((await engine.servingWorkers()).served.byWorkers).toBe(before + 1);
    expect(engine.sessions.recent('searcher-1').at(-1)?.type).toBe('search');
  });

  it('closes promptly with lists in flight, each answered or refused, none left hanging', async () => {
    const inFlight = Array.from({ length: 20 }, (_, i) => engine.dispatcher.call('recommend', { shopperId: demoShopperId(1 + i), k: 10 }).then(() => 'answered', () => 'refused'));
    const t0 = Date.now();
    await engine.close();
    const outcomes = await Promise.all(inFlight);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(outcomes).toHaveLength(20);
  });
});

/** The default: a lone request is ranked on the engine's thread (no hop), concurrent ones go to the worker. */
describe('engine with a serving worker, offloading when busy', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  beforeAll(async () => {
    fx = await recommendFixture(150, 20, { servingWorkers: 1 });
    expect((await fx.engine.servingWorkers()).ready).toBe(1);
  }, 180_000);
  afterAll(() => fx?.env.cleanup());

  it('ranks one request at a time on the engine\u2019s thread and hands concurrent ones to the worker', async () => {
    const engine = fx.engine;
    const before = (await engine.servingWorkers()).served.byWorkers;
    for (let i = 1; i <= 5; i++) await engine.dispatcher.call('recommend', { shopperId: demoShopperId(i), k: 10 });
    expect((await engine.servingWorkers()).served.byWorkers).toBe(before);
    const lists = await Promise.all(Array.from({ length: 8 }, (_, i) => engine.dispatcher.call('recommend', { shopperId: demoShopperId(1 + i), k: 10 })));
    const after = (await engine.servingWorkers()).served.byWorkers;
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBeLessThanOrEqual(8);
    for (const list of lists) expect(engine.impressions.get(list.impressionId)?.items.map((x) => x.itemId)).toEqual(list.items.map((x) => x.itemId));
  });

  it('keeps one client asking in turn on the engine’s thread, busy as it is: after a few lists on the worker that nobody overlapped, the gate closes', async () => {
    const engine = fx.engine;
    const before = (await engine.servingWorkers()).served.byWorkers;
    let lists = 0;
    // Back to back for longer than a few of the busy gauge's 100 ms windows (loop-load.ts): the
    // thread runs all the time, so it reads busy, but no list ever overlaps another.
    const until = performance.now() + 800;
    while (performance.now() < until) {
      await engine.dispatcher.call('recommend', { shopperId: demoShopperId(1 + (lists % 20)), k: 10 });
      lists++;
    }
    const sent = (await engine.servingWorkers()).served.byWorkers - before;
    expect(lists).toBeGreaterThan(20);
    // Some went to the worker (the thread read busy), and no more than the gate lets through alone (offload-gate.ts).
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(4);
  });

  it('ranks a list on the engine’s thread while a search only waits for its query’s embedding (another thread’s work)', async () => {
    const engine = fx.engine;
    const internals = engine as unknown as { queryVectors: QueryVectors | undefined };
    const real = internals.queryVectors!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let asked = 0;
    const slow = 'a query embedded slowly';
    internals.queryVectors = new QueryVectors(async (q) => {
      if (q === slow) {
        asked++;
        await gate;
      }
      return real.get(q);
    });
    try {
      const search = engine.dispatcher.call('search', { query: slow, k: 5 });
      let failed: unknown;
      search.catch((e: unknown) => (failed = e));
      while (asked === 0 && failed === undefined) await new Promise((r) => setImmediate(r));
      expect(failed).toBeUndefined();
      // Past the busy gauge's window (loop-load.ts: a read after 4 quiet windows starts afresh), so
      // only the count in flight could send this list to the worker.
      await new Promise((r) => setTimeout(r, 500));
      const before = (await engine.servingWorkers()).served.byWorkers;
      await engine.dispatcher.call('recommend', { shopperId: demoShopperId(3), k: 10 });
      expect((await engine.servingWorkers()).served.byWorkers).toBe(before);
      release();
      expect((await search).items.length).toBeGreaterThan(0);
    } finally {
      release();
      internals.queryVectors = real;
    }
  });
});

function p(id: string): string {
  return id.split('-').slice(-2).join(' ');
}
