import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/main/engine/demo/random';
import { ManualClock, runSession, runSessions, sessionConfig, SimulatorCallError, type ShownList } from '../../../src/main/simulator';
import { ContractError } from '../../../src/shared/contract';
import { FakeEngineClient, type Ranking } from './fake-engine-client';
import { bestItemsFor, catalogue, mixedListFor, truth } from './simulator-fixture';

/** Good items for the shopper, rotated per call so lists differ. */
const oracle: Ranking = (who, k, callNo) => {
  const pool = who.slot === 'home' ? bestItemsFor(who.shopperId, 3 * k) : mixedListFor(who.shopperId, 3 * k);
  return Array.from({ length: k }, (_, i) => pool[(i + callNo) % pool.length] as string);
};
const START = Date.UTC(2026, 0, 5, 12);

async function batch(seed: number, n: number, session = {}): Promise<{ client: FakeEngineClient; shown: ShownList[] }> {
  const client = new FakeEngineClient(catalogue, oracle);
  const shown: ShownList[] = [];
  await runSessions(client, truth, n, { seed, startTs: START, session, onList: (s) => shown.push(s) });
  return { client, shown };
}

describe('runSession and runSessions against a stand-in engine', () => {
  it('are deterministic for a seed with a manual clock', async () => {
    const a = await batch(5, 30);
    const b = await batch(5, 30);
    const c = await batch(6, 30);
    expect(a.client.calls.length).toBeGreaterThan(60);
    expect(b.client.calls).toEqual(a.client.calls);
    expect(c.client.calls).not.toEqual(a.client.calls);
  });

  it('makes only calls the contract accepts: home, product and search lists, and item events', async () => {
    const { client } = await batch(7, 80);
    const methodsUsed = new Set(client.calls.map((c) => c.method));
    expect([...methodsUsed].sort()).toEqual(['events.ingest', 'recommend', 'search']);
    const slots = new Set(client.calls.flatMap((c) => (c.method === 'recommend' ? [(c.input as { slot: string }).slot] : [])));
    expect([...slots].sort()).toEqual(['home', 'product']);
    const product = client.calls.find((c) => c.method === 'recommend' && (c.input as { slot: string }).slot === 'product');
    expect((product?.input as { context: { itemId: string } }).context.itemId).toMatch(/^P\d{6}$/);
    const types = new Set(client.events.map((e) => e.type));
    expect([...types].sort()).toEqual(['add_to_cart', 'click', 'purchase', 'view']);
    // The fake engine checks every input against the contract and throws on a bad one, which would have failed the batch.
  });

  it('times events from the clock, buys only carted lines with price and quantity, and views after each click', async () => {
    const { client } = await batch(8, 80);
    const bySession = new Map<string, typeof client.events>();
    for (const e of client.events) bySession.set(e.sessionId!, [...(bySession.get(e.sessionId!) ?? []), e]);
    for (const events of bySession.values()) {
      const ts = events.map((e) => e.ts!);
      expect(ts).toEqual(ts.slice().sort((x, y) => x - y));
      expect(ts[0]).toBeGreaterThanOrEqual(START);
      const carted = new Set(events.filter((e) => e.type === 'add_to_cart').map((e) => e.itemId));
      for (const p of events.filter((e) => e.type === 'purchase')) {
        expect(carted.has(p.itemId)).toBe(true);
        expect(p.price).toBeGreaterThan(0);
        expect(p.quantity).toBeGreaterThanOrEqual(1);
      }
      events.forEach((e, i) => {
        if (e.type !== 'click') return;
        expect(events[i + 1]).toMatchObject({ type: 'view', itemId: e.itemId });
        expect([events[i + 1]?.impressionId, events[i + 1]?.position]).toEqual([e.impressionId, e.position]);
      });
    }
    expect(client.events.some((e) => e.type === 'purchase')).toBe(true);
  });

  it('tags about the configured share of clicks with the list and position they came from', async () => {
    for (const share of [0.7, 0.3]) {
      const { client } = await batch(9, 600, { explicitIdShare: share });
      const clicks = client.events.filter((e) => e.type === 'click');
      const tagged = clicks.filter((e) => e.impressionId !== undefined);
      expect(clicks.length).toBeGreaterThan(300);
      expect(Math.abs(tagged.length / clicks.length - share)).toBeLessThan(0.07);
      for (const e of tagged) {
        const list = client.lists.get(e.impressionId!);
        expect(list?.items[e.position! - 1]?.itemId).toBe(e.itemId);
      }
      // Cart adds and purchases carry their click's tag (or none).
      for (const e of client.events.filter((x) => x.type === 'add_to_cart' && x.impressionId !== undefined)) {
        expect(client.lists.get(e.impressionId!)?.items[e.position! - 1]?.itemId).toBe(e.itemId);
      }
    }
    const none = await batch(9, 40, { explicitIdShare: 0 });
    expect(none.client.events.filter((e) => e.impressionId !== undefined)).toEqual([]);
  });

  it('sends one click per clicked line of each list the shopper saw', async () => {
    const { client, shown } = await batch(10, 60);
    const drawnClicks = shown.reduce((n, s) => n + s.response.clicks, 0);
    expect(client.events.filter((e) => e.type === 'click').length).toBe(drawnClicks);
    expect(shown.map((s) => s.list.impressionId)).toEqual([...client.lists.keys()]);
  });

  it('reports a failing call with its method, and counts it', async () => {
    const client = new FakeEngineClient(catalogue, oracle);
    client.before = (method) => {
      if (method === 'recommend' || method === 'search') throw new ContractError('internal', 'boom');
    };
    const counters = { sessions: 0, sessionsEnded: 0, lists: 0, clicks: 0, explicitClicks: 0, carts: 0, purchases: 0, revenue: 0, errors: 0, droppedArrivals: 0 };
    const deps = { client, truth, clock: new ManualClock(START), config: sessionConfig(), counters };
    const err = await runSession(deps, 1, new Random(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulatorCallError);
    expect((err as SimulatorCallError).kind).toMatch(/^(recommend|search) internal$/);
    expect(counters.errors).toBe(1);
    await expect(runSessions(client, truth, 3, { seed: 1, startTs: START })).rejects.toBeInstanceOf(SimulatorCallError);
  });
});
