import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Impression } from '../../../../src/shared/contract/recommendations';
import { FusionWeightStore, ImpressionLog, Ranker, RuleStore } from '../../../../src/main/engine/ranking';
import { CatalogRepository } from '../../../../src/main/engine/store';
import { candidate, NOW, tempStore } from './ranking-fixtures';

describe('ImpressionLog and Ranker', () => {
  let env: ReturnType<typeof tempStore>;
  beforeEach(
    () =>
      (env = tempStore([
        { itemId: 'promo', title: 'Promoted', brand: 'Acme', category: 'Home > Lamps', price: 30 },
        ...['a', 'b', 'c', 'd'].map((id) => ({ itemId: id, title: `Item ${id}`, category: 'Home > Lamps' })),
      ])),
  );
  afterEach(() => env.cleanup());

  it('writes every ranked list as one row and reads it back as the contract Impression', () => {
    const weights = new FusionWeightStore(env.db);
    const rules = new RuleStore(env.db, { clock: () => NOW });
    const impressions = new ImpressionLog(env.db);
    const ranker = new Ranker({ weights, rules, impressions, catalog: new CatalogRepository(env.db), clock: () => NOW });
    rules.create({ kind: 'pin', target: { type: 'item', itemId: 'promo' }, position: 2, note: 'spring promo' });
    const candidates = ['a', 'b', 'c', 'd'].map((id, i) => candidate(id, 1 / (3 + i), { category: 'Home > Lamps' }));

    const list = ranker.rank({ candidates, slot: 'home', k: 3, shopperId: 'u1', sessionId: 's1', query: 'lamp', coldStart: false, purchaseIntent: 0.2, modelVersion: 'm-1' });
    expect(list.items.map((i) => i.itemId)).toEqual(['a', 'promo', 'b']);
    expect(list.weightsVersion).toBe(1);

    const back = impressions.get(list.impressionId);
    expect(back).toBeDefined();
    expect(Impression.parse(back)).toEqual(back);
    expect(back).toMatchObject({ impressionId: list.impressionId, slot: 'home', shopperId: 'u1', sessionId: 's1', query: 'lamp', weightsVersion: 1, modelVersion: 'm-1', createdAt: NOW, coldStart: false });
    // Stored to six decimal places (propensities whole); titles, brands and categories from the catalogue.
    expect(back!.items.map((i) => ({ ...i, score: 0, contributions: {} }))).toEqual(list.items.map((i) => ({ ...i, score: 0, contributions: {} })));
    back!.items.forEach((item, n) => {
      const served = list.items[n]!;
      expect(Math.abs(item.score - served.score)).toBeLessThanOrEqual(5e-7);
      for (const [c, v] of Object.entries(served.contributions)) expect(Math.abs(item.contributions[c as keyof typeof item.contributions] - v)).toBeLessThanOrEqual(5e-7);
    });
    expect(list.items[0]!.score).not.toBe(back!.items[0]!.score); // 1/3 is not stored whole
    expect(back!.items[1]!.rules[0]).toMatchObject({ kind: 'pin', note: 'spring promo' });
    expect(impressions.policyOf(list.impressionId)).toEqual({ kind: 'deterministic', ranking: 'weights' });
    expect(impressions.get('missing')).toBeUndefined();

    // A weights change applies to the very next list, and the log records which version served it.
    weights.set({ ...weights.current().weights, text: 0 }, 'no text');
    const next = ranker.rank({ candidates, slot: 'home', k: 3, shopperId: 'u1', sessionId: 's1', coldStart: false, purchaseIntent: 0.2, modelVersion: 'm-1' });
    expect(impressions.get(next.impressionId)?.weightsVersion).toBe(2);
    expect(impressions.forSession('s1').map((i) => i.impressionId)).toEqual([next.impressionId, list.impressionId].sort().reverse());

    // Clicks join back on (session, item, time) through the impression_items view.
    const joined = env.db.prepare('SELECT impression_id AS id, position FROM impression_items WHERE session_id = ? AND item_id = ? ORDER BY created_at, impression_id').all('s1', 'promo');
    expect(joined).toHaveLength(2);
    expect(joined[0]).toMatchObject({ position: 2 });
  });

  it('reads a list stored before the compact form (RankedItem objects) as it was written, through get and the impression_items view', () => {
    const impressions = new ImpressionLog(env.db);
    const ranker = new Ranker({ weights: new FusionWeightStore(env.db), rules: new RuleStore(env.db, { clock: () => NOW }), impressions, catalog: new CatalogRepository(env.db), clock: () => NOW });
    const list = ranker.rank({ candidates: ['a', 'b'].map((id, i) => candidate(id, 1 / (3 + i))), slot: 'home', k: 2, shopperId: 'u1', sessionId: 's1', coldStart: false, purchaseIntent: 0, modelVersion: 'm-1' });
    // As an older version wrote it: the contract's objects, titles and full-precision numbers included.
    env.db.prepare('UPDATE impressions SET items = ? WHERE impression_id = ?').run(JSON.stringify(list.items), list.impressionId);
    expect(impressions.get(list.impressionId)!.items).toEqual(list.items);
    const rows = env.db.prepare('SELECT item_id, position, score, propensity FROM impression_items WHERE impression_id = ? ORDER BY position').all(list.impressionId);
    expect(rows).toEqual(list.items.map((i) => ({ item_id: i.itemId, position: i.position, score: i.score, propensity: i.propensity })));
  });

  it('is cheap enough for a ~1 ms recommend budget', () => {
    const impressions = new ImpressionLog(env.db);
    const ranker = new Ranker({ weights: new FusionWeightStore(env.db), rules: new RuleStore(env.db), impressions });
    const candidates = Array.from({ length: 200 }, (_, i) => candidate(`i${i}`, Math.sin(i) ** 2, { category: `c${i % 7}` }));
    const request = { candidates, slot: 'home', k: 20, shopperId: 'u', sessionId: 's', coldStart: false, purchaseIntent: 0.1, modelVersion: 'm' };
    for (let i = 0; i < 50; i++) ranker.rank(request);
    const n = 300;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) ranker.rank({ ...request, diversity: { mmrLambda: 0.7, maxPerCategory: 4 } });
    const perList = (performance.now() - t0) / n;
    // Rank 200 candidates to 20 with MMR and caps, plus the insert. Typically ~0.2 ms; the bound leaves room for a busy CI box.
    expect(perList).toBeLessThan(3);
    expect((env.db.prepare('SELECT count(*) AS n FROM impressions').get() as { n: number }).n).toBe(n + 50);
  });
});
