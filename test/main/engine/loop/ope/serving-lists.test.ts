import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpeService, RewardSetting } from '../../../../../src/main/engine/loop/ope';
import { FEATURES_PER_ITEM, ImpressionLog } from '../../../../../src/main/engine/ranking';
import { openDatabase } from '../../../../../src/main/engine/store';
import { CHANNELS, type FusionWeights } from '../../../../../src/shared/contract';

// Serving's value must be read from serving's lists only: an experiment's holdout arm still explores,
// so its unshuffled lists look like serving's and used to be averaged in (0.90 instead of 1.0 here).
const T0 = Date.UTC(2026, 2, 1, 12);
const HOLDOUT = { experimentId: 'exp-1', armId: 'holdout' };

let db: Database;
let ope: OpeService;

/** Logs one unshuffled randomised list (window 1-2 of a pool of 4); a click at position 1 when `clicked`. */
function logList(impressions: ImpressionLog, i: number, experiment: typeof HOLDOUT | null, clicked: boolean): void {
  const pool = ['a', 'b', 'c', 'd'].map((x) => `${x}${i}`);
  const { impressionId } = impressions.write({
    slot: 'home',
    shopperId: `s${i}`,
    sessionId: `s${i}-1`,
    coldStart: false,
    weightsVersion: 1,
    modelVersion: 'text',
    purchaseIntent: 0,
    experiment,
    tookMs: 1,
    createdAt: T0 + i,
    items: pool.slice(0, 2).map((itemId, k) => ({ itemId, title: itemId, position: k + 1, score: 1 - k / 10, propensity: 1, contributions: { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 }, rules: [], sources: ['ann'] })),
    logging: { kind: 'randomised', ranking: experiment ? 'holdout' : 'weights', exploration: { rate: 0.2, positions: [1, 2], pool, shuffled: false, context: 0 } },
    features: new Float32Array(4 * FEATURES_PER_ITEM),
  });
  if (!clicked) return;
  db.prepare(
    `INSERT INTO rewards (impression_id, item_id, position, type, value, quantity, kind, reason, ts, late, out_of_order, history, first_for_item, first_for_list, list_value_before)
     VALUES (?, ?, 1, 'click', 1, 1, 'explicit', NULL, ?, 0, 0, 0, 1, 1, 0)`,
  ).run(impressionId, pool[0], T0 + i + 1);
}

beforeEach(() => {
  db = openDatabase(':memory:');
  const impressions = new ImpressionLog(db);
  // 900 serving lists earning 1 each (a click), 100 holdout lists earning nothing.
  for (let i = 0; i < 1000; i++) {
    const holdout = i % 10 === 0;
    logList(impressions, i, holdout ? HOLDOUT : null, !holdout);
  }
  ope = new OpeService({ db, weights: { get: () => undefined }, reward: new RewardSetting(db), bootstrap: { replicates: 0 } });
});

afterEach(() => db.close());

const weights = Object.fromEntries(CHANNELS.map((c) => [c, 1])) as FusionWeights;

describe("serving's lists for off-policy estimates", () => {
  it("serving's value is the mean of the lists outside experiments, not diluted by a holdout arm's", async () => {
    const report = await ope.estimate({ target: { kind: 'weights', weights }, slot: 'home', from: T0, to: T0 + 10_000, clip: 50 });
    expect(report.serving.value).toBeCloseTo(1, 12);
    expect(report.randomisedLists).toBe(900);
  });

  it("reads one arm's lists when asked for them", async () => {
    const log = await ope.readLog({ slot: 'home', from: T0, to: T0 + 10_000, arm: HOLDOUT });
    expect(log.lists).toBe(100);
    expect(log.dataset.lists).toBe(100);
    const report = await ope.estimateOn(log, ope.scoringPolicy({ kind: 'weights', weights }), ope.reward(), 50);
    expect(report.serving.value).toBe(0);
  });

  it('revenue stored as Infinity before the price ceiling is held to the largest order value, so the estimate stays a number', async () => {
    new RewardSetting(db).set({ kind: 'revenue' }, 'test');
    db.prepare("UPDATE rewards SET type = 'purchase', value = 9e999 WHERE rowid = (SELECT min(rowid) FROM rewards)").run();
    const report = await new OpeService({ db, weights: { get: () => undefined }, reward: new RewardSetting(db), bootstrap: { replicates: 0 } }).estimate({ target: { kind: 'weights', weights }, slot: 'home', from: T0, to: T0 + 10_000, clip: 50 });
    expect(Number.isFinite(report.serving.value)).toBe(true);
    expect(report.serving.value).toBeGreaterThan(0);
  });
});
