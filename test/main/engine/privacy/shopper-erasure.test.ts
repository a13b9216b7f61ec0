import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, MAX_ORDER_VALUE, type EventInput } from '../../../../src/shared/contract';
import type { Engine } from '../../../../src/main/engine/engine';
import { shopperHash } from '../../../../src/main/engine/privacy/shopper-hash';
import { tempEngine } from '../../../helpers/temp-dir';

const ERASED = 'shopper-erase-me-7f3a';
const OTHERS = ['shopper-keep-a', 'shopper-keep-b'];
const T0 = Date.now() - 3 * 3_600_000;
const ITEMS = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'];

function newEngine(): ReturnType<typeof tempEngine> {
  const env = tempEngine({ textModelDir: mkdtempSync(join(tmpdir(), 'instinct-no-model-')), encoderWorkers: 0, servingWorkers: 0 });
  env.engine.catalog.upsertItems(ITEMS.map((itemId, i) => ({ itemId, title: `Item ${itemId}`, category: i < 3 ? 'Home > Kitchen' : 'Fashion > Shirts', price: 10 + i })));
  return env;
}

/** Each shopper's events, sharing items so that co-visitation and popularity mix them. */
function eventsOf(shopperId: string, offset: number): EventInput[] {
  const path = shopperId === ERASED ? ['P1', 'P2', 'P5', 'P2', 'P6'] : shopperId === OTHERS[0] ? ['P1', 'P2', 'P3'] : ['P2', 'P4', 'P1'];
  const out: EventInput[] = path.map((itemId, i) => ({ type: 'view', shopperId, itemId, ts: T0 + offset + i * 60_000 }));
  out.push({ type: 'search', shopperId, query: `query of ${shopperId}`, ts: T0 + offset + 400_000 });
  out.push({ type: 'add_to_cart', shopperId, itemId: path[1] as string, ts: T0 + offset + 500_000 });
  out.push({ type: 'purchase', shopperId, itemId: path[1] as string, price: 11, quantity: 1, ts: T0 + offset + 600_000 });
  return out;
}

interface Row {
  type: string;
  shopper_id: string;
  item_id: string | null;
  query: string | null;
  price: number | null;
  quantity: number | null;
  ts: number;
}

function toInput(r: Row): EventInput {
  return {
    type: r.type as EventInput['type'],
    shopperId: r.shopper_id,
    ts: r.ts,
    ...(r.item_id === null ? {} : { itemId: r.item_id }),
    ...(r.query === null ? {} : { query: r.query }),
    ...(r.price === null ? {} : { price: r.price }),
    ...(r.quantity === null ? {} : { quantity: r.quantity }),
  };
}

const db = (engine: Engine): Database => (engine as unknown as { db: Database }).db;

/** Behaviour signals of an engine, for every item. */
function behaviour(engine: Engine): unknown {
  const r = engine.retrieval();
  return {
    popular: r.popular(100),
    trending: r.trending(100),
    kitchen: r.popular(100, 'Home > Kitchen'),
    coVisited: ITEMS.map((id) => r.coVisited([id], 100)),
    counts: db(engine).prepare('SELECT type, n FROM event_counts ORDER BY type').all(),
  };
}

/** Rows in any table that name the shopper: a shopper column, or the id anywhere in a text column. */
function traces(d: Database, shopperId: string): string[] {
  const found: string[] = [];
  const tables = d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'item_search_%'").all() as { name: string }[];
  for (const { name } of tables) {
    const columns = d.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
    for (const c of columns) {
      if (c.type === 'INTEGER' || c.type === 'REAL') continue;
      const n = (d.prepare(`SELECT count(*) AS n FROM "${name}" WHERE instr(CAST("${c.name}" AS TEXT), ?) > 0`).get(shopperId) as { n: number }).n;
      if (n > 0) found.push(`${name}.${c.name}: ${n}`);
    }
  }
  return found;
}

describe('shopper erasure', () => {
  const envs: ReturnType<typeof tempEngine>[] = [];
  afterEach(async () => {
    for (const env of envs.splice(0)) await env.cleanup();
  });

  async function seeded(shoppers: readonly string[]): Promise<Engine> {
    const env = newEngine();
    envs.push(env);
    const { engine } = env;
    // One batch per shopper in a fixed order, so the two stores number their remaining events alike.
    for (const [i, shopperId] of [ERASED, ...OTHERS].entries()) {
      if (!shoppers.includes(shopperId)) continue;
      const events = eventsOf(shopperId, i * 1_000_000);
      await engine.dispatcher.call('events.ingest', { events: events.slice(0, 5) });
      const list = await engine.dispatcher.call('recommend', { shopperId, k: 4 });
      const shown = list.items[0];
      if (shown) await engine.dispatcher.call('events.ingest', { events: [{ type: 'click', shopperId, itemId: shown.itemId, impressionId: list.impressionId, position: 1, ts: T0 + i * 1_000_000 + 350_000 }] });
      await engine.dispatcher.call('events.ingest', { events: events.slice(5) });
    }
    engine.loop.flush();
    return engine;
  }

  it('exports the shopper’s events, lists and rewards', async () => {
    const engine = await seeded([ERASED, ...OTHERS]);
    const out = await engine.dispatcher.call('shoppers.export', { shopperId: ERASED });
    expect(out.shopperId).toBe(ERASED);
    expect(out.events.map((e) => e.type)).toEqual(['view', 'view', 'view', 'view', 'view', 'click', 'search', 'add_to_cart', 'purchase']);
    expect(out.events.every((e) => e.shopperId === ERASED)).toBe(true);
    expect(out.sessions.length).toBeGreaterThan(0);
    expect(out.impressions.length).toBeGreaterThan(0);
    expect(out.impressions[0]?.items.length).toBeGreaterThan(0);
    expect(out.rewards.map((r) => r.type).sort()).toEqual(['add_to_cart', 'click', 'purchase']);
    expect(out.rewards.find((r) => r.type === 'click')?.impressionId).toBe(out.impressions[0]?.impressionId);
    const footprint = await engine.dispatcher.call('shoppers.footprint', { shopperId: ERASED });
    expect(footprint).toMatchObject({ events: 9, impressions: out.impressions.length, rewards: 3, sessions: out.sessions.length });
    // A purchase value stored as Infinity (before the price ceiling) still exports: JSON cannot carry Infinity.
    db(engine).prepare("UPDATE rewards SET value = 9e999 WHERE type = 'purchase'").run();
    const again = await engine.dispatcher.call('shoppers.export', { shopperId: ERASED });
    expect(again.rewards.find((r) => r.type === 'purchase')?.value).toBe(MAX_ORDER_VALUE);
  });

  it('refuses an erasure without a reason', async () => {
    const engine = await seeded([ERASED]);
    const refused = await engine.dispatcher.call('shoppers.erase', { shopperId: ERASED }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ContractError);
    expect((refused as ContractError).code).toBe('confirmation_required');
    expect((await engine.dispatcher.call('shoppers.footprint', { shopperId: ERASED })).events).toBe(9);
  });

  it('leaves no trace of the shopper in any table or in memory, and the behaviour counts equal a store without them', async () => {
    const engine = await seeded([ERASED, ...OTHERS]);
    engine.sessions.recent(ERASED);
    expect(engine.sessions.holds(ERASED)).toBe(true);
    const rollupsBefore = db(engine).prepare('SELECT sum(lists) AS lists, sum(clicks) AS clicks, sum(orders) AS orders FROM metric_rollups WHERE dim = ?').get('all');
    const before = behaviour(engine);
    expect(traces(db(engine), ERASED).length).toBeGreaterThan(0); // the probe finds the shopper before
    // The store's session counts are kept between reads: read once before, so they must be recounted after.
    const statsBefore = engine.stats.stats();

    const result = await engine.dispatcher.call('shoppers.erase', { shopperId: ERASED, confirm: { reason: 'erasure request #12' } });
    expect(result.erased).toMatchObject({ events: 9, rewards: 3, live: true });
    expect(result.shopperHash).toBe(shopperHash(ERASED));

    expect(traces(db(engine), ERASED)).toEqual([]);
    expect(engine.sessions.holds(ERASED)).toBe(false);
    expect(engine.sessions.recent(ERASED)).toEqual([]);
    expect(engine.loop.lists.forShopper(ERASED, 0, Date.now() + 1e9)).toEqual([]);
    expect(await engine.dispatcher.call('shoppers.footprint', { shopperId: ERASED })).toEqual({ shopperId: ERASED, sessions: 0, events: 0, impressions: 0, rewards: 0, live: false });
    const statsAfter = engine.stats.stats();
    const n = (sql: string): number => (db(engine).prepare(sql).get() as { n: number }).n;
    expect(statsAfter.shoppers).toBe(statsBefore.shoppers - 1);
    expect({ sessions: statsAfter.sessions, shoppers: statsAfter.shoppers }).toEqual({ sessions: n('SELECT count(*) AS n FROM sessions'), shoppers: n('SELECT count(DISTINCT shopper_id) AS n FROM sessions') });

    // Roll-ups keep the anonymous counts.
    expect(db(engine).prepare('SELECT sum(lists) AS lists, sum(clicks) AS clicks, sum(orders) AS orders FROM metric_rollups WHERE dim = ?').get('all')).toEqual(rollupsBefore);

    // A fresh store fed only the events that remain, in the order they arrived.
    const fresh = newEngine();
    envs.push(fresh);
    const remaining = db(engine).prepare('SELECT type, shopper_id, item_id, query, price, quantity, ts FROM events ORDER BY seq').all() as Row[];
    await fresh.engine.dispatcher.call('events.ingest', { events: remaining.map(toInput) });
    const after = behaviour(engine);
    expect(after).toEqual(behaviour(fresh.engine));
    expect(after).not.toEqual(before);

    const audit = db(engine).prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'shoppers.erase'").all() as { target: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target).toBe(`shopper:${shopperHash(ERASED)}`);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ reason: 'erasure request #12', erased: { events: 9 } });
  });
});
