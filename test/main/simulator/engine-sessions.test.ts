import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../../src/main/engine/demo';
import type { Engine } from '../../../src/main/engine/engine';
import { startHttpServer, type RunningServer } from '../../../src/main/engine/server/http-server';
import { dispatcherClient, httpClient, loadSimulatorTruth, runSessions, type ContractClient, type SimulatorTruth } from '../../../src/main/simulator';
import { ContractError, type StoredEvent } from '../../../src/shared/contract';
import { tempEngine } from '../../helpers/temp-dir';

let env: ReturnType<typeof tempEngine>;
let engine: Engine;
let client: ContractClient;
let truth: SimulatorTruth;

/** Every event of the simulated sessions whose ids start with `prefix`, oldest first. */
async function simulatedEvents(prefix: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await engine.dispatcher.call('events.recent', { limit: 1000, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    events.push(...page.filter((e) => e.sessionId.startsWith(prefix)));
    if (page.length < 1000) break;
    beforeSeq = Math.min(...page.map((e) => e.seq));
  }
  return events.sort((a, b) => a.seq - b.seq);
}

beforeAll(() => {
  env = tempEngine();
  engine = env.engine;
  // The demo generator's shop, its history ending now, so the simulated sessions continue it.
  const { catalog, events } = demoDataset({ items: 300, shoppers: 20, days: 2, endTs: Date.now() - 3_600_000 });
  engine.catalog.upsertItems(catalog);
  engine.events.insertEvents(events, { rejectWholeBatch: false });
  client = dispatcherClient(engine.dispatcher);
});

afterAll(async () => {
  await env?.cleanup();
});

describe('the simulator against a real in-process engine', () => {
  it('builds its truth from the catalogue it reads through the contract', async () => {
    truth = await loadSimulatorTruth(client, { seed: 42, shoppers: 24 });
    expect(truth.floor.shelves.reduce((n, s) => n + s.items.length, 0)).toBe(300);
    expect(truth.shelvedItem('P000001')?.item.title).toBe(engine.catalog.get('P000001')?.title);
  });

  it('runs sessions through valid contract calls, with impression ids on about the configured share of clicks', async () => {
    const report = await runSessions(client, truth, 120, { seed: 4, session: { sessionIdPrefix: 'simtest-a-', explicitIdShare: 0.7 } });
    expect(report.counters).toMatchObject({ sessions: 120, sessionsEnded: 120, errors: 0 });
    expect(report.counters.lists).toBeGreaterThanOrEqual(120);
    const stored = await simulatedEvents('simtest-a-');
    const clicks = stored.filter((e) => e.type === 'click');
    expect(clicks.length).toBe(report.counters.clicks);
    expect(clicks.length).toBeGreaterThan(40);
    const tagged = clicks.filter((e) => e.impressionId !== null);
    expect(tagged.length).toBe(report.counters.explicitClicks);
    expect(Math.abs(tagged.length / clicks.length - 0.7)).toBeLessThan(0.15);
    // A tagged click names a list the engine served, with the item at that position.
    for (const e of tagged.slice(0, 25)) {
      const impression = await engine.dispatcher.call('explain', { impressionId: e.impressionId! });
      expect(impression.items.find((i) => i.position === e.position)?.itemId).toBe(e.itemId);
      expect(impression.shopperId).toBe(e.shopperId);
    }
    const purchases = stored.filter((e) => e.type === 'purchase');
    expect(purchases.length).toBe(report.counters.purchases);
    for (const p of purchases) expect([p.price !== null, (p.quantity ?? 0) >= 1]).toEqual([true, true]);
    // The engine recorded the searches and served home and product lists.
    expect(stored.some((e) => e.type === 'search')).toBe(true);
  });

  describe('over HTTP with the Bearer token', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startHttpServer(engine, { port: 0 });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('drives the same sessions as in-process', async () => {
      const remote = httpClient({ url: server.url, token: server.token });
      const report = await runSessions(remote, truth, 15, { seed: 5, session: { sessionIdPrefix: 'simtest-h-' } });
      expect(report.counters).toMatchObject({ sessions: 15, errors: 0 });
      expect((await simulatedEvents('simtest-h-')).filter((e) => e.type === 'click').length).toBe(report.counters.clicks);
    });

    it('turns error envelopes into ContractErrors', async () => {
      const wrongToken = httpClient({ url: server.url, token: 'not-the-token' });
      await expect(wrongToken.call('stats.get', {})).rejects.toMatchObject({ code: 'unauthorized' });
      const remote = httpClient({ url: server.url, token: server.token });
      const err = await remote.call('recommend', { k: 5 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ContractError);
      expect((err as ContractError).issues[0]?.path).toBe('shopperId');
    });
  });
});
