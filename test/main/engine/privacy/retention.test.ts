import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import type { Engine } from '../../../../src/main/engine/engine';
import { tempEngine } from '../../../helpers/temp-dir';

const DAY = 86_400_000;
const db = (engine: Engine): Database => (engine as unknown as { db: Database }).db;
const count = (engine: Engine, sql: string): number => (db(engine).prepare(sql).get() as { n: number }).n;

describe('retention', () => {
  let env: ReturnType<typeof tempEngine>;
  afterEach(() => env.cleanup());

  it('deletes raw rows older than the setting, keeps roll-ups, and needs a reason to shorten it', async () => {
    env = tempEngine({ textModelDir: mkdtempSync(join(tmpdir(), 'instinct-no-model-')), encoderWorkers: 0, servingWorkers: 0 });
    const { engine } = env;
    engine.catalog.upsertItems([{ itemId: 'P1', title: 'Mug', price: 8 }, { itemId: 'P2', title: 'Cup', price: 5 }]);
    const now = Date.now();
    const old = now - 40 * DAY;
    await engine.dispatcher.call('events.ingest', {
      events: [
        { type: 'view', shopperId: 'old', itemId: 'P1', ts: old },
        { type: 'purchase', shopperId: 'old', itemId: 'P1', price: 8, quantity: 1, ts: old + 1000 },
        { type: 'view', shopperId: 'new', itemId: 'P2', ts: now - DAY },
      ],
    });
    await engine.dispatcher.call('recommend', { shopperId: 'old', k: 2 });
    await engine.dispatcher.call('recommend', { shopperId: 'new', k: 2 });
    db(engine).prepare("UPDATE impressions SET created_at = ? WHERE shopper_id = 'old'").run(old);
    engine.loop.flush();
    const rollups = db(engine).prepare('SELECT * FROM metric_rollups ORDER BY dim, slot, value, bucket').all();
    expect(rollups.length).toBeGreaterThan(0);

    const refused = await engine.dispatcher.call('retention.set', { rawDataDays: 30 }).catch((err: unknown) => err);
    expect((refused as ContractError).code).toBe('confirmation_required');
    expect((await engine.dispatcher.call('retention.get', {})).settings.rawDataDays).toBeNull();

    // Session counts are kept between reads: read once before the run, so it must make them recount.
    expect(engine.stats.stats()).toMatchObject({ sessions: 2, shoppers: 2 });
    const status = await engine.dispatcher.call('retention.set', { rawDataDays: 30, confirm: { reason: 'privacy policy: 30 days' } });
    expect(status.settings.rawDataDays).toBe(30);
    const run = await engine.dispatcher.call('retention.apply', {});
    expect(run).toMatchObject({ events: 2, impressions: 1, rewards: 1, sessions: 1 });
    expect(count(engine, "SELECT count(*) AS n FROM events WHERE shopper_id = 'old'")).toBe(0);
    expect(count(engine, "SELECT count(*) AS n FROM events WHERE shopper_id = 'new'")).toBe(1);
    expect(count(engine, "SELECT count(*) AS n FROM impressions WHERE shopper_id = 'new'")).toBe(1);
    expect(db(engine).prepare('SELECT type, n FROM event_counts').all()).toEqual([{ type: 'view', n: 1 }]);
    expect(engine.stats.stats()).toMatchObject({ sessions: 1, shoppers: 1, events: 1 });
    expect(db(engine).prepare('SELECT * FROM metric_rollups ORDER BY dim, slot, value, bucket').all()).toEqual(rollups);
    expect((await engine.dispatcher.call('retention.get', {})).due).toEqual({ events: 0, impressions: 0, rewards: 0 });

    // Longer (or forever) deletes nothing more: no reason needed. Both changes are audited.
    await engine.dispatcher.call('retention.set', { rawDataDays: null });
    const actions = (db(engine).prepare("SELECT action FROM audit_log WHERE action LIKE 'retention.%' ORDER BY seq").all() as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(['retention.set', 'retention.apply', 'retention.set']);
  });
});
