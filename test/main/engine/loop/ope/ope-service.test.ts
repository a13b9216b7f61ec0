import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrangeTarget, weightsPolicy, type OpeLog } from '../../../../../src/main/engine/loop/ope';
import { FEATURES_PER_ITEM } from '../../../../../src/main/engine/ranking';
import { EXPLORATION_CONTEXT_ITEMS } from '../../../../../src/main/engine/ranking/exploration/explore-window';
import { demoShopperId, generateCatalog, generateShopperEvents } from '../../../../../src/main/engine/demo';
import type { Engine } from '../../../../../src/main/engine/engine';
import { CHANNELS, ContractError, DEFAULT_REWARD, OpeReport, type EventInput, type RankedList } from '../../../../../src/shared/contract';
import { tempEngine } from '../../../../helpers/temp-dir';

let env: ReturnType<typeof tempEngine>;
let engine: Engine;
const EXPLORE = { enabled: true, rate: 0.5, fromPosition: 1, toPosition: 10, poolSize: 40 };
const served: RankedList[] = [];
let explorationFrom = 0;
let log: OpeLog;
/** What the test ingested per list: item -> outcomes. */
const outcomes = new Map<string, Map<string, { clicks: number; carts: number; purchases: number; revenue: number }>>();

beforeAll(async () => {
  env = tempEngine();
  engine = env.engine;
  const catalog = generateCatalog({ seed: 5, count: 160 });
  engine.catalog.upsertItems(catalog);
  const now = Date.now();
  engine.events.insertEvents(generateShopperEvents({ seed: 5, catalog, shoppers: 24, startTs: now - 3 * 86_400_000, days: 3 }), { rejectWholeBatch: false });
  // A few deterministic lists first (exploration off).
  for (let i = 0; i < 4; i++) await engine.dispatcher.call('recommend', { shopperId: demoShopperId(1 + i), k: 10 });
  // The clock moves on first: a deterministic list served in the same millisecond must not fall inside the window.
  await new Promise((resolve) => setTimeout(resolve, 5));
  explorationFrom = Date.now();
  await engine.dispatcher.call('exploration.configure', { slot: 'home', settings: EXPLORE, note: 'test' });
  for (let i = 0; i < 60; i++) {
    const shopperId = demoShopperId(1 + (i % 24));
    const list = await engine.dispatcher.call('recommend', { shopperId, k: 10 });
    served.push(list);
    // Every third list: a click on the item at position 2, a cart add and a purchase of 2 at its price; every fifth: a click at position 7 sent twice.
    const events: EventInput[] = [];
    const record = (itemId: string, o: { clicks?: number; carts?: number; purchases?: number; revenue?: number }): void => {
      const byItem = outcomes.get(list.impressionId) ?? new Map();
      const was = byItem.get(itemId) ?? { clicks: 0, carts: 0, purchases: 0, revenue: 0 };
      byItem.set(itemId, { clicks: was.clicks + (o.clicks ?? 0), carts: was.carts + (o.carts ?? 0), purchases: was.purchases + (o.purchases ?? 0), revenue: was.revenue + (o.revenue ?? 0) });
      outcomes.set(list.impressionId, byItem);
    };
    if (i % 3 === 0) {
      const item = list.items[1]!;
      const tag = { impressionId: list.impressionId, position: 2 };
      events.push({ type: 'click', shopperId, itemId: item.itemId, ...tag }, { type: 'add_to_cart', shopperId, itemId: item.itemId, quantity: 2, price: 10, ...tag }, { type: 'purchase', shopperId, itemId: item.itemId, quantity: 2, price: 10, ...tag });
      record(item.itemId, { clicks: 1, carts: 1, purchases: 1, revenue: 20 });
    }
    if (i % 5 === 0) {
      const item = list.items[6]!;
      const tag = { impressionId: list.impressionId, position: 7 };
      events.push({ type: 'click', shopperId, itemId: item.itemId, ...tag }, { type: 'click', shopperId, itemId: item.itemId, ...tag });
      record(item.itemId, { clicks: 1 });
    }
    // A click naming a list that does not exist is unmatched and must not count.
    if (i === 1) events.push({ type: 'click', shopperId, itemId: list.items[0]!.itemId, impressionId: 'no-such-list', position: 1 });
    if (events.length) await engine.dispatcher.call('events.ingest', { events });
  }
  log = await engine.ope.readLog({ slot: 'home', from: explorationFrom });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('off-policy evaluation through the engine', () => {
  it('refuses clearly on a deterministic log: exploration is off, no randomised lists', async () => {
    const before = { from: 0, to: explorationFrom };
    const refusal = await (engine.dispatcher.call('ope.estimate', { target: { kind: 'weights', weights: (await engine.dispatcher.call('weights.get', {})).weights }, ...before })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ContractError);
    expect((refusal as ContractError).code).toBe('conflict');
    expect((refusal as ContractError).message).toMatch(/served deterministically \(exploration is off\)/);
    const empty = await (engine.dispatcher.call('ope.examination', { slot: 'search', from: 0 })).catch((e: unknown) => e);
    expect((empty as ContractError).code).toBe('conflict');
    expect((empty as ContractError).message).toMatch(/no lists were served on slot 'search'/);
  });

  it('reads the randomised lists with their pool, window, features and attributed outcomes', () => {
    const d = log.dataset;
    expect(log.lists).toBe(60);
    expect(d.lists).toBe(60);
    expect(log.skipped).toEqual({});
    const weights = engine.weights.current().weights;
    served.forEach((list, i) => {
      const record = engine.impressions.policyOf(list.impressionId)?.exploration;
      expect(record).toBeDefined();
      const p0 = d.poolStart[i]!;
      const pool = Array.from({ length: d.poolStart[i + 1]! - p0 }, (_, j) => d.itemIds[d.poolItem[p0 + j]!]);
      expect(pool).toEqual(record!.pool);
      // The context (ranked candidates after the pool, logged for the target's normalisation only) is read back whole.
      expect(record!.context).toBeGreaterThan(0);
      expect(record!.context).toBeLessThanOrEqual(EXPLORATION_CONTEXT_ITEMS);
      expect(d.contextStart[i + 1]! - d.contextStart[i]!).toBe(record!.context);
      expect(d.shuffled[i]).toBe(list.explored ? 1 : 0);
      for (let s = d.windowStart[i]!; s < d.windowStart[i + 1]!; s++) {
        const position = d.windowPosition[s]!;
        const item = list.items[position - 1]!;
        const j = d.shownPool[s]!;
        expect(pool[j]).toBe(item.itemId);
        // The logged features are the item's raw channel scores: its contributions over the weights.
        for (let c = 0; c < CHANNELS.length; c++) {
          const channel = CHANNELS[c]!;
          if (weights[channel] > 0) expect(d.features[(p0 + j) * FEATURES_PER_ITEM + c]).toBeCloseTo(item.contributions[channel] / weights[channel], 4);
        }
        const want = outcomes.get(list.impressionId)?.get(item.itemId) ?? { clicks: 0, carts: 0, purchases: 0, revenue: 0 };
        expect({ clicks: d.clicks[s], carts: d.carts[s], purchases: d.purchases[s], revenue: d.revenue[s] }).toEqual(want);
      }
    });
    expect(Array.from(d.clicks).reduce((a, b) => a + b, 0)).toBe(20 + 12);
  });

  it('reads the same dataset in small chunks as in one', async () => {
    const small = await engine.ope.readLog({ slot: 'home', from: explorationFrom }, { chunkSize: 7 });
    expect(small.dataset).toEqual(log.dataset);
  });

  it("arranges the logging weights' window exactly as the engine ranked it (pool of 40 = the engine's MMR pool)", async () => {
    const d = log.dataset;
    const target = await arrangeTarget(d, weightsPolicy(engine.weights.current().weights), { diversity: { mmrLambda: 0.85, maxPerCategory: 5 } });
    for (let i = 0; i < d.lists; i++) {
      const w0 = d.windowStart[i]!;
      expect(Array.from(target.subarray(w0, d.windowStart[i + 1]!))).toEqual(Array.from({ length: d.windowStart[i + 1]! - w0 }, (_, k) => k));
    }
  });

  it('estimates a target through ope.estimate: every estimator, serving, per-1,000-list figures and the warnings', async () => {
    const weights = engine.weights.current().weights;
    const report = await engine.dispatcher.call('ope.estimate', { target: { kind: 'weights', weights: { ...weights, popularity: 1 } }, from: explorationFrom });
    expect(OpeReport.safeParse(report).success).toBe(true);
    expect(report.estimates.map((e) => e.estimator)).toEqual(['ips', 'snips', 'dr', 'pbm']);
    expect(report).toMatchObject({ slot: 'home', lists: 60, randomisedLists: 60, reward: DEFAULT_REWARD, support: 1 });
    expect(report.figures.map((f) => f.name)).toEqual(['clicks', 'purchases', 'revenue']);
    expect(report.warnings.some((w) => w.startsWith('Only 60 randomised lists'))).toBe(true);
    for (const e of report.estimates) expect(e.effectiveSampleSize).toBeGreaterThan(0);
    // Serving's figure is the on-policy mean of the lists that kept the ranked order.
    const kept = served.filter((l) => !l.explored);
    const keptClicks = kept.reduce((n, l) => n + [...(outcomes.get(l.impressionId)?.values() ?? [])].reduce((a, o) => a + o.clicks, 0), 0);
    expect(report.figures[0]?.serving.value).toBeCloseTo((1000 * keptClicks) / kept.length, 6);
    const missing = await (engine.dispatcher.call('ope.estimate', { target: { kind: 'weightsVersion', version: 99 } })).catch((e: unknown) => e);
    expect((missing as ContractError).code).toBe('not_found');
  });

  it('estimates the examination curve from the shuffled lists (ope.examination)', async () => {
    const curve = await engine.dispatcher.call('ope.examination', { slot: 'home', from: explorationFrom, maxPosition: 12 });
    expect(curve.lists).toBe(served.filter((l) => l.explored).length);
    expect(curve.points).toHaveLength(12);
    expect(curve.points[10]).toMatchObject({ position: 11, examination: null, shown: 0 });
    // The test clicked position 2 in every third list and position 7 in every fifth (twice: counted once).
    expect(curve.points[1]?.clicked).toBe(served.filter((l, i) => l.explored && i % 3 === 0).length);
    expect(curve.points[6]?.clicked).toBe(served.filter((l, i) => l.explored && i % 5 === 0).length);
    expect(curve.points[0]).toMatchObject({ position: 1, shown: curve.lists, clicked: 0 });
    // No click at position 1 among the shuffled lists: no curve relative to it.
    expect(curve.points[1]?.examination).toBeNull();
  });

  it('keeps the reward setting as audited versions (policies.reward, policies.configureReward)', async () => {
    expect(await engine.dispatcher.call('policies.reward', {})).toEqual(DEFAULT_REWARD);
    const set = await engine.dispatcher.call('policies.configureReward', { reward: { kind: 'revenue' }, note: 'revenue for the quarter' });
    expect(set).toEqual({ kind: 'revenue' });
    expect(await engine.dispatcher.call('policies.reward', {})).toEqual({ kind: 'revenue' });
    const audit = await engine.dispatcher.call('audit.list', { action: 'reward.' });
    expect(audit.entries[0]).toMatchObject({ action: 'reward.set', target: 'reward' });
    // ope.estimate uses the setting unless the request names a reward.
    const report = await engine.dispatcher.call('ope.estimate', { target: { kind: 'weights', weights: engine.weights.current().weights }, from: explorationFrom });
    expect(report.reward).toEqual({ kind: 'revenue' });
  });
});
