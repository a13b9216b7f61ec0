import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../../../src/main/engine/store/database';
import { AuditLog } from '../../../../../src/main/engine/store/audit-log';
import { RollupReader } from '../../../../../src/main/engine/loop/metrics/rollup-reader';
import { ExperimentService, type ArmCountsReader } from '../../../../../src/main/engine/loop/experiments';
import { abInput, T0 } from './experiment-fixtures';

const HOUR = 3_600_000;

function insertArmRollup(db: Database, value: string, slot: string, bucket: number, lists: number, purchasedLists: number): void {
  db.prepare('INSERT INTO metric_rollups (dim, value, slot, bucket, lists, items, purchased_lists, orders, revenue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    'arm',
    value,
    slot,
    bucket,
    lists,
    lists * 10,
    purchasedLists,
    purchasedLists,
    purchasedLists * 40,
  );
}

describe('experiments over the real metric roll-ups', () => {
  let db: Database | undefined;
  afterEach(() => db?.close());

  it('sums each arm over its slots and hours since the hour it started, and nothing of other experiments', () => {
    db = openDatabase(':memory:');
    const reader: ArmCountsReader = new RollupReader(db);
    let now = T0;
    const service = new ExperimentService({
      db,
      audit: new AuditLog(db),
      rollups: reader,
      checks: { weightsVersionExists: () => true, modelVersionExists: () => true, ruleExists: () => true },
      publish: { useWeightsVersion: () => undefined, promoteModel: () => undefined, disableRules: () => undefined },
      clock: () => now,
    });
    service.create(abInput({ slots: ['home', 'pdp'] }));
    service.start('e-1');
    const startHour = Math.floor(T0 / HOUR) * HOUR;
    insertArmRollup(db, 'e-1:control', 'home', startHour, 300, 15);
    insertArmRollup(db, 'e-1:control', 'pdp', startHour + HOUR, 200, 10);
    insertArmRollup(db, 'e-1:b', 'home', startHour, 250, 20);
    insertArmRollup(db, 'e-1:b', 'home', startHour + 2 * HOUR, 250, 20);
    insertArmRollup(db, 'e-2:b', 'home', startHour, 999, 99);
    now = startHour + 2 * HOUR + 60_000;
    const r = service.results('e-1');
    expect(r.arms.map((a) => [a.armId, a.counts.lists, a.counts.purchasedLists, a.counts.revenue])).toEqual([
      ['control', 500, 25, 1000],
      ['b', 500, 40, 1600],
    ]);
    expect(r.arms[1]?.metrics.conversionRate.value).toBeCloseTo(0.08, 12);
    expect(service.tick(now)).toEqual({ reallocated: [], stopped: [], errors: [] });
  });
});
