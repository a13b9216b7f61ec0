import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../../../src/shared/contract';
import type { Engine } from '../../../../src/main/engine/engine';
import { heldOutCases } from '../../../../src/main/engine/tuning/held-out-cases';
import { halfOf } from '../../../../src/main/engine/tuning/replay-halves';
import { PreparedWindows } from '../../../../src/main/engine/tuning/prepared-window';
import { replayNdcg, meanWithInterval } from '../../../../src/main/engine/tuning/replay-metric';
import { tempEngine } from '../../../helpers/temp-dir';
import { recommendFixture, T_END } from '../recommend/recommend-fixture';

/**
 * The tuning page's replay is point in time: behaviour signals come from events before the
 * held-out window only. Two checks that fail on the leaky version (signals from every stored
 * event, as before): a sentinel item that exists only inside the window gets no behaviour signal,
 * and the figure equals an offline evaluation of the same cases on a store that holds only the
 * events before the window.
 */
describe('leak-proof replay: behaviour signals from events before the held-out window', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  const SENTINEL = 'sentinel-item';
  beforeAll(async () => {
    fx = await recommendFixture(300, 60);
    engine = fx.engine;
    // A sentinel: a new item that every held-out-window session below turns to last, so it exists only as held-out targets.
    const base = fx.catalog[0]!;
    engine.catalog.upsertItems([{ ...base, itemId: SENTINEL, title: `${base.title} (sentinel)` }]);
    const events: EventInput[] = [];
    for (let s = 0; s < 40; s += 1) {
      const ts = T_END + 3_600_000 + s * 60_000;
      const sessionId = `sentinel-session-${s}`;
      const shopperId = `sentinel-shopper-${s}`;
      events.push({ type: 'view', shopperId, sessionId, itemId: fx.catalog[(s * 7) % fx.catalog.length]!.itemId, ts });
      events.push({ type: 'view', shopperId, sessionId, itemId: fx.catalog[(s * 7 + 1) % fx.catalog.length]!.itemId, ts: ts + 1000 });
      events.push({ type: 'add_to_cart', shopperId, sessionId, itemId: SENTINEL, ts: ts + 2000 });
    }
    // Through the ingest path, as a shop's events arrive: the live behaviour signals observe them.
    engine.ingest.ingest(events);
  }, 180_000);
  afterAll(() => fx.env.cleanup());

  it('the sentinel gets popularity and trending from the window live, and none in the point-in-time view the replay uses', async () => {
    const windows = new PreparedWindows(openDb(fx.env.dir), engine.recommender);
    const window = await windows.get(60);
    expect(window.signalsBefore).not.toBeNull();
    const sentinelCases = [...window.cases, ...window.tuningCases].filter((c) => c.targetItemId === SENTINEL);
    expect(sentinelCases.length).toBeGreaterThan(10);
    // Not vacuous: with every stored event (what the leaky replay used; a cut after the last one) the sentinel is popular.
    const leaky = engine.recommender.asOf(Number.POSITIVE_INFINITY);
    const leakyCase = await leaky.prepareReplay(sentinelCases[0]!.prepared.state.events, sentinelCases[0]!.prepared.now, null);
    const leakyEntry = leakyCase.candidates.find((c) => c.itemId === SENTINEL);
    expect(leakyEntry?.scores.popularity ?? 0).toBeGreaterThan(0);
    // Point in time: wherever the sentinel is a candidate, it has no behaviour, popularity or recency signal.
    // (Broken variant: PreparedWindows preparing with the live service instead of `asOf(windowStart)`:
    // the sentinel is then popular and trending in every case, and this fails.)
    for (const c of sentinelCases) {
      const entry = c.prepared.candidates.find((x) => x.itemId === SENTINEL);
      expect(entry?.scores.popularity ?? 0).toBe(0);
      expect(entry?.scores.recency ?? 0).toBe(0);
      expect(entry?.scores.behaviour ?? 0).toBe(0);
    }
  });

  it('the figure shown equals an offline evaluation of the same reporting cases on a store holding only the events before the window', async () => {
    const current = await engine.dispatcher.call('weights.get', {});
    const shown = await engine.dispatcher.call('tuning.replay', { weights: current.weights, cases: 60 });
    expect(shown.half).toBe('reporting');
    const cut = shown.signalsBefore!;
    // Offline: a fresh store with the catalogue and only the events before the cut, the same cases replayed there.
    const db = openDb(fx.env.dir);
    const cases = heldOutCases(db, 60).cases.filter((c) => halfOf(c.sessionId) === 'reporting');
    expect(cases.length).toBe(shown.cases);
    const offline = tempEngine();
    try {
      offline.engine.catalog.upsertItems([...fx.catalog, { ...fx.catalog[0]!, itemId: SENTINEL, title: `${fx.catalog[0]!.title} (sentinel)` }]);
      const before = (db.prepare('SELECT id, type, shopper_id, session_id, item_id, query, price, quantity, ts FROM events WHERE ts < ? ORDER BY seq').all(cut) as { id: string; type: string; shopper_id: string; session_id: string; item_id: string | null; query: string | null; price: number | null; quantity: number | null; ts: number }[]).map(
        (r): EventInput => ({ id: r.id, type: r.type, shopperId: r.shopper_id, sessionId: r.session_id, ts: r.ts, ...(r.item_id !== null ? { itemId: r.item_id } : {}), ...(r.query !== null ? { query: r.query } : {}), ...(r.price !== null ? { price: r.price } : {}), ...(r.quantity !== null ? { quantity: r.quantity } : {}) }),
      );
      offline.engine.events.insertEvents(before, { rejectWholeBatch: false });
      await offline.engine.start({ embedMissing: false });
      const job = offline.engine.embeddings.start();
      expect((await offline.engine.jobs.wait(job.jobId)).status).toBe('succeeded');
      const prepared = [];
      for (const c of cases) prepared.push({ prepared: await offline.engine.recommender.prepareReplay(c.prefix, c.targetTs - 1, c.shopperId), targetItemId: c.targetItemId, half: 'reporting' as const });
      const figure = meanWithInterval(replayNdcg(offline.engine.recommender, prepared, current.weights));
      // Within the shown interval (the purchase-intent model is fitted on each store's own sessions, so exact equality is not required).
      // Broken variant (live signals that saw the window): the sentinel targets climb into the lists and the figure leaves the interval.
      expect(figure.mean).toBeGreaterThanOrEqual(shown.ci[0]);
      expect(figure.mean).toBeLessThanOrEqual(shown.ci[1]);
      expect(Math.abs(figure.mean - shown.value)).toBeLessThan(0.02);
    } finally {
      await offline.cleanup();
    }
  }, 240_000);
});

function openDb(dir: string): Database.Database {
  return new Database(join(dir, 'instinct.db'), { readonly: true, fileMustExist: true });
}
