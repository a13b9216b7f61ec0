import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, type CatalogItem, type RankedList } from '../../../../src/shared/contract';
import { Engine, type EngineOptions } from '../../../../src/main/engine/engine';
import { tempDir } from '../../../helpers/temp-dir';

const DAY = 86_400_000;
const HELMETS = 'Cycling > Helmets';

/** Helmets are what everyone buys, so they top every popularity-led list; lights and bottles fill the rest. */
const CATALOG: CatalogItem[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ itemId: `H${i}`, title: `Helmet ${i}`, category: HELMETS, price: 40 + i })),
  ...Array.from({ length: 6 }, (_, i) => ({ itemId: `L${i}`, title: `Light ${i}`, category: 'Cycling > Lights', price: 10 + i })),
  ...Array.from({ length: 6 }, (_, i) => ({ itemId: `B${i}`, title: `Bottle ${i}`, category: 'Cycling > Bottles', price: 5 + i })),
];

const db = (engine: Engine): Database => (engine as unknown as { db: Database }).db;
const helmets = (list: RankedList): number => list.items.filter((i) => i.category === HELMETS).length;

describe('the after-purchase policy as a setting (afterPurchase.get / afterPurchase.set)', () => {
  const opened: Engine[] = [];
  let folder: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    for (const e of opened.splice(0)) await e.close();
    folder?.cleanup();
    folder = undefined;
  });

  const open = (dir: string, options: Partial<EngineOptions> = {}): Engine => {
    const engine = new Engine({ dataDir: dir, host: 'test', textModelDir: mkdtempSync(join(tmpdir(), 'instinct-no-model-')), encoderWorkers: 0, servingWorkers: 0, ...options });
    opened.push(engine);
    return engine;
  };

  async function shop(engine: Engine): Promise<void> {
    engine.catalog.upsertItems(CATALOG);
    const now = Date.now();
    const crowd = Array.from({ length: 12 }, (_, s) => [
      { type: 'view' as const, shopperId: `crowd-${s}`, itemId: `H${s % 6}`, ts: now - 2 * DAY + s * 1000 },
      { type: 'view' as const, shopperId: `crowd-${s}`, itemId: `H${(s + 1) % 6}`, ts: now - 2 * DAY + s * 1000 + 10 },
      { type: 'view' as const, shopperId: `crowd-${s}`, itemId: `L${s % 6}`, ts: now - 2 * DAY + s * 1000 + 20 },
    ]).flat();
    await engine.dispatcher.call('events.ingest', {
      events: [
        ...crowd,
        // Bought a helmet two days ago, and another shopper ten days ago.
        { type: 'view', shopperId: 'recent', itemId: 'H0', ts: now - 2 * DAY - 60_000 },
        { type: 'purchase', shopperId: 'recent', itemId: 'H0', price: 40, quantity: 1, ts: now - 2 * DAY },
        { type: 'view', shopperId: 'earlier', itemId: 'H1', ts: now - 10 * DAY - 60_000 },
        { type: 'purchase', shopperId: 'earlier', itemId: 'H1', price: 41, quantity: 1, ts: now - 10 * DAY },
      ],
    });
  }

  it('is off by default, and once set is persisted, audited and applied to the next list within its window only', async () => {
    folder = tempDir('instinct-after-purchase-');
    const engine = open(folder.dir);
    await shop(engine);
    expect(await engine.dispatcher.call('afterPurchase.get', {})).toMatchObject({ days: 0, version: 0, updatedAt: null });

    // Off: the shopper who just bought a helmet is still shown helmets.
    expect(helmets(await engine.dispatcher.call('recommend', { shopperId: 'recent', k: 10 }))).toBeGreaterThan(0);
    expect(helmets(await engine.dispatcher.call('recommend', { shopperId: 'earlier', k: 10 }))).toBeGreaterThan(0);

    const view = await engine.dispatcher.call('afterPurchase.set', { days: 7, note: 'test: on for a week', confirm: { reason: 'shoppers complained' } });
    expect(view).toMatchObject({ days: 7, version: 1 });
    expect(view.updatedAt).not.toBeNull();

    // On for 7 days: the purchase 2 days ago leaves the category out; the one 10 days ago does not.
    const recent = await engine.dispatcher.call('recommend', { shopperId: 'recent', k: 10 });
    expect(recent.items.length).toBeGreaterThan(0);
    expect(helmets(recent)).toBe(0);
    expect(helmets(await engine.dispatcher.call('recommend', { shopperId: 'earlier', k: 10 }))).toBeGreaterThan(0);
    // Search is not filtered: a shopper who searches for helmets gets helmets.
    expect(helmets(await engine.dispatcher.call('search', { query: 'helmet', shopperId: 'recent', k: 10 }))).toBeGreaterThan(0);

    // A longer window covers the earlier purchase too.
    await engine.dispatcher.call('afterPurchase.set', { days: 14 });
    expect(helmets(await engine.dispatcher.call('recommend', { shopperId: 'earlier', k: 10 }))).toBe(0);

    const audit = db(engine).prepare("SELECT actor, action, target, detail FROM audit_log WHERE action = 'afterPurchase.set' ORDER BY seq").all() as Array<{ action: string; target: string; detail: string }>;
    expect(audit).toHaveLength(2);
    expect(audit[0]!.target).toBe('afterPurchase');
    expect(JSON.parse(audit[0]!.detail)).toEqual({ days: 7, previous: 0, note: 'test: on for a week', reason: 'shoppers complained' });
    expect(JSON.parse(audit[1]!.detail)).toEqual({ days: 14, previous: 7 });
    await engine.close();
    opened.splice(opened.indexOf(engine), 1);

    // Reopened (with a start-up option that says otherwise): the stored setting is in force.
    const again = open(folder.dir, { afterPurchase: { days: 0 } });
    expect(await again.dispatcher.call('afterPurchase.get', {})).toMatchObject({ days: 14, version: 2 });
    expect(helmets(await again.dispatcher.call('recommend', { shopperId: 'recent', k: 10 }))).toBe(0);

    // Turned off again: nothing is left out.
    await again.dispatcher.call('afterPurchase.set', { days: 0 });
    expect(helmets(await again.dispatcher.call('recommend', { shopperId: 'recent', k: 10 }))).toBeGreaterThan(0);
  });

  it("keeps a prepared replay's shopper rules while the policy stays the same, and follows a change", async () => {
    folder = tempDir('instinct-after-purchase-');
    const engine = open(folder.dir);
    await shop(engine);
    const recommender = engine.recommender;
    const prepared = await recommender.prepareReplay(engine.sessions.recent('recent'), Date.now(), 'recent');
    const weights = engine.weights.current().weights;
    expect(helmets(recommender.rankPrepared(prepared, weights, 10))).toBeGreaterThan(0);
    await engine.dispatcher.call('afterPurchase.set', { days: 7, note: 'test' });
    const first = recommender.rankPrepared(prepared, weights, 10);
    expect(helmets(first)).toBe(0);
    const kept = prepared.shopperRules?.get('home');
    expect(kept?.days).toBe(7);
    expect(kept?.rules.length).toBeGreaterThan(0);
    // Another ranking of the same replay reuses them (the same array), under other weights too.
    recommender.rankPrepared(prepared, { ...weights, popularity: weights.popularity + 0.5 }, 10);
    expect(prepared.shopperRules?.get('home')?.rules).toBe(kept?.rules);
    await engine.dispatcher.call('afterPurchase.set', { days: 0, note: 'test: off' });
    expect(helmets(recommender.rankPrepared(prepared, weights, 10))).toBeGreaterThan(0);
  });

  it('starts from the engine option until a value is stored', async () => {
    folder = tempDir('instinct-after-purchase-');
    const engine = open(folder.dir, { afterPurchase: { days: 7 } });
    await shop(engine);
    expect(await engine.dispatcher.call('afterPurchase.get', {})).toMatchObject({ days: 7, version: 0 });
    expect(helmets(await engine.dispatcher.call('recommend', { shopperId: 'recent', k: 10 }))).toBe(0);
  });

  it('refuses a window that is not a whole number of days from 0 to 90, naming the field, and keeps the setting', async () => {
    folder = tempDir('instinct-after-purchase-');
    const engine = open(folder.dir);
    for (const days of [-1, 1.5, 91, '7', null]) {
      const err = await engine.dispatcher.call('afterPurchase.set', { days } as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ContractError);
      expect((err as ContractError).code).toBe('bad_request');
      expect((err as ContractError).message).toMatch(/afterPurchase\.set: .*days/);
      expect((err as ContractError).issues.map((i) => i.path)).toContain('days');
    }
    const unknown = await engine.dispatcher.call('afterPurchase.set', { days: 3, weeks: 1 } as never).catch((e: unknown) => e);
    expect((unknown as ContractError).code).toBe('bad_request');
    expect(await engine.dispatcher.call('afterPurchase.get', {})).toMatchObject({ days: 0, version: 0 });
    expect(db(engine).prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'afterPurchase.set'").get()).toEqual({ n: 0 });
  });
});
