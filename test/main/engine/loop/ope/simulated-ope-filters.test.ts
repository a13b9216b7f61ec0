import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGGING_WEIGHTS, OPE_TARGETS, RECOMMENDATION_DIVERSITY } from '../../../../../bench/policy/ope-accuracy';
import { arrangedWindowValue, buildShopTemplate, SimulatedShop, weightsTarget, withExpectedOutcomes, type LogPhase, type TruthTarget } from '../../../../../bench/policy/simulated-log';
import { arrangeTarget, estimatePolicy, weightsPolicy, type OpeDataset } from '../../../../../src/main/engine/loop/ope';
import { seededRandom } from '../../../../../src/main/engine/ranking/intent/seeded-random';
import { DEFAULT_REWARD } from '../../../../../src/shared/contract';
import { tempDir } from '../../../../helpers/temp-dir';

/**
 * Off-policy estimates on lists that carry filter rules: the shop of simulated-ope.test.ts with the
 * after-purchase policy on (each list of a shopper who bought in the last 7 days leaves out the
 * bought items' categories: per-list filter rules) and a merchandiser's filter rule on one category.
 *
 * At 1,000 lists the realised responses' noise alone moves an estimate by 15-20 % of the truth from
 * one seed to the next, in either direction, and it moves serving's own mean just as much: a bias
 * of a few per cent cannot be told from it there. So the estimators are run on the very same
 * log with each window slot's outcomes replaced by their exact expectation under the simulator
 * (withExpectedOutcomes): what remains is the estimator's own error (the logged pool, the
 * examination curve estimated from the shuffled lists), a few per cent, against which a filter that
 * the log reader, the target arrangement, the propensities or the truth harness mishandled shows.
 */
const unseeded = Math.random;
const DAY_MS = 86_400_000;
let template: ReturnType<typeof tempDir>;
let shop: SimulatedShop;
let phase: LogPhase;
let expected: OpeDataset;
let realised: OpeDataset;
let shoppers: string[];
let withRecentPurchase = 0;
let filteredInPool = 0;
const FILTERED = 'Electronics';
const TARGETS = { behaviourLed: OPE_TARGETS.behaviourLed!, freshAndCheap: OPE_TARGETS.freshAndCheap!, logging: LOGGING_WEIGHTS };

/** Counts the logged requests whose shopper bought something in the last 7 days (their lists carry after-purchase filters). */
const recentBuyers: TruthTarget = {
  name: 'recent-buyers',
  list: (prepared) => {
    if (prepared.state.events.some((e) => e.type === 'purchase' && prepared.now - e.ts < 7 * DAY_MS)) withRecentPurchase++;
    return [];
  },
};

beforeAll(async () => {
  Math.random = seededRandom(20261205);
  template = tempDir('instinct-ope-filters-template-');
  await buildShopTemplate(template.dir, { items: 200, shoppers: 30, historyDays: 5, embed: true });
  shop = await SimulatedShop.open(template.dir, { shoppers: 30, start: false, engine: { afterPurchase: { days: 7 } } });
  await shop.client.call('rules.create', { kind: 'filter', target: { type: 'category', category: FILTERED }, slot: 'home', note: 'simulated OPE with a filter rule', confirm: { reason: 'simulated shop' } });
  await shop.explore({ enabled: true, rate: 0.5, fromPosition: 1, toPosition: 10, poolSize: 40 });
  const targets = [...Object.entries(TARGETS).map(([name, w]) => weightsTarget(name, w)), recentBuyers];
  phase = await shop.logLists({ seed: 1, lists: 1000, reward: DEFAULT_REWARD, targets });
  const log = await shop.engine.ope.readLog({ slot: 'home', from: phase.from, to: phase.to });
  realised = log.dataset;
  shoppers = realised.impressionIds.map((id) => shop.engine.impressions.get(id)?.shopperId ?? '');
  expected = withExpectedOutcomes(realised, shop.truth, shoppers);
  for (let p = 0; p < realised.poolItem.length; p++) {
    const category = shop.engine.catalog.get(realised.itemIds[realised.poolItem[p] as number] as string)?.category ?? '';
    if (category.startsWith(FILTERED)) filteredInPool++;
  }
}, 120_000);

afterAll(async () => {
  Math.random = unseeded;
  await shop?.close();
  template?.cleanup();
});

describe('off-policy estimates on lists with filter rules (after-purchase and a merchandiser filter)', () => {
  it('the log holds every list, many of them with after-purchase filters, and no filtered item in any pool', () => {
    expect(realised.lists).toBe(1000);
    expect(withRecentPurchase).toBeGreaterThan(200);
    expect(filteredInPool).toBe(0);
    expect(phase.replayAgreement).toBe(1);
  });

  it("each target's window arranged from the logged pools is worth what the truth harness says it would serve", async () => {
    for (const [name, weights] of Object.entries(TARGETS)) {
      const target = await arrangeTarget(realised, weightsPolicy(weights), { diversity: RECOMMENDATION_DIVERSITY });
      const value = arrangedWindowValue(shop.truth, realised, target, shoppers, DEFAULT_REWARD);
      const truth = phase.truth[name]!.reward;
      expect(Math.abs(value / truth - 1), name).toBeLessThan(name === 'logging' ? 1e-9 : 0.03);
    }
  });

  it('on the expected outcomes, serving is exactly its truth and the position-based estimate is within 12 % of each target', async () => {
    for (const [name, weights] of Object.entries(TARGETS)) {
      const target = await arrangeTarget(expected, weightsPolicy(weights), { diversity: RECOMMENDATION_DIVERSITY });
      const estimate = await estimatePolicy(expected, target, DEFAULT_REWARD, { clip: 1000, bootstrap: { replicates: 0 } });
      const truth = phase.truth[name]!.reward;
      const pbm = estimate.estimates.find((e) => e.estimator === 'pbm')!.value!;
      expect(Math.abs(pbm / truth - 1), `${name}: ${pbm} vs ${truth}`).toBeLessThan(0.12);
      if (name === 'logging') expect(Math.abs(estimate.serving.value! / phase.servedRanked.reward - 1)).toBeLessThan(1e-6);
    }
  });
});
