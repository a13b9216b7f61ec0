/**
 * Off-policy estimates on a shop whose lists carry filter rules, each seed twice over the same log:
 * on the realised responses (what ope.estimate reports, through the contract, with its interval) and
 * on the expected outcomes (withExpectedOutcomes: every window slot's outcome replaced by its exact
 * expectation, so the responses' noise is gone and only the estimator's own error is left). Also
 * serving's observed mean against its truth, which carries the same response noise.
 *
 *   npx tsx bench/policy/ope-filters-check.ts [--seeds 1-12] [--lists 1000] [--after-purchase 7] [--filter Electronics]
 *
 * The setting of test/main/engine/loop/ope/simulated-ope.test.ts (200 items, 30 shoppers, 5 days of
 * history, half the windows of positions 1-10 shuffled from a pool of 40). Written to explain a
 * 1,000-list run with the after-purchase policy on whose estimates came out 17-45 % high
 * (docs/OFF_POLICY.md, "Filter rules").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arrangeTarget, estimatePolicy, weightsPolicy } from '../../src/main/engine/loop/ope';
import { seededRandom } from '../../src/main/engine/ranking/intent/seeded-random';
import { DEFAULT_REWARD } from '../../src/shared/contract';
import { LOGGING_WEIGHTS, OPE_EXPLORATION, OPE_TARGETS, RECOMMENDATION_DIVERSITY } from './ope-accuracy';
import { buildShopTemplate, SimulatedShop, weightsTarget, withExpectedOutcomes } from './simulated-log';

const TARGETS = { behaviourLed: OPE_TARGETS.behaviourLed!, freshAndCheap: OPE_TARGETS.freshAndCheap!, logging: LOGGING_WEIGHTS };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function seedsOf(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number);
  return b === undefined ? [a as number] : Array.from({ length: (b as number) - (a as number) + 1 }, (_, i) => (a as number) + i);
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main(): Promise<void> {
  const seeds = seedsOf(arg('seeds') ?? '1-4');
  const lists = Number(arg('lists') ?? 1000);
  const days = Number(arg('after-purchase') ?? 7);
  const filter = arg('filter');
  const template = mkdtempSync(join(tmpdir(), 'instinct-ope-filters-'));
  const realisedErrors: Record<string, number[]> = {};
  const expectedErrors: Record<string, number[]> = {};
  const servingErrors: number[] = [];
  let covered = 0;
  let estimates = 0;
  try {
    await buildShopTemplate(template, { items: 200, shoppers: 30, historyDays: 5, embed: true });
    for (const seed of seeds) {
      // As the test does: the engine's exploration draws from a seeded Math.random.
      Math.random = seededRandom(20261205);
      const shop = await SimulatedShop.open(template, { shoppers: 30, start: false, ...(days > 0 ? { engine: { afterPurchase: { days } } } : {}) });
      try {
        if (filter) await shop.client.call('rules.create', { kind: 'filter', target: { type: 'category', category: filter }, slot: 'home', note: 'ope filters check', confirm: { reason: 'simulated shop' } });
        await shop.explore(OPE_EXPLORATION);
        const phase = await shop.logLists({ seed, lists, reward: DEFAULT_REWARD, targets: Object.entries(TARGETS).map(([name, w]) => weightsTarget(name, w)) });
        const log = await shop.engine.ope.readLog({ slot: 'home', from: phase.from, to: phase.to });
        const shoppers = log.dataset.impressionIds.map((id) => shop.engine.impressions.get(id)?.shopperId ?? '');
        const expected = withExpectedOutcomes(log.dataset, shop.truth, shoppers);
        const line: string[] = [];
        for (const [name, weights] of Object.entries(TARGETS)) {
          const truth = phase.truth[name]!.reward;
          const report = await shop.client.call('ope.estimate', { target: { kind: 'weights', weights }, from: phase.from, to: phase.to, reward: DEFAULT_REWARD, clip: 1000 });
          const pbm = report.estimates.find((e) => e.estimator === 'pbm')!;
          const target = await arrangeTarget(expected, weightsPolicy(weights), { diversity: RECOMMENDATION_DIVERSITY });
          const noiseless = (await estimatePolicy(expected, target, DEFAULT_REWARD, { clip: 1000, bootstrap: { replicates: 0 } })).estimates.find((e) => e.estimator === 'pbm')!.value!;
          (realisedErrors[name] ??= []).push(pbm.value! / truth - 1);
          (expectedErrors[name] ??= []).push(noiseless / truth - 1);
          estimates++;
          const inside = pbm.low! <= truth && truth <= pbm.high!;
          if (inside) covered++;
          line.push(`${name} truth ${truth.toFixed(3)} pbm ${pbm.value!.toFixed(3)} (${pct(pbm.value! / truth - 1)}${inside ? '' : ', outside its interval'}) expected-outcome pbm ${pct(noiseless / truth - 1)}`);
          if (name === 'logging') {
            servingErrors.push(report.serving.value! / phase.servedRanked.reward - 1);
            line.push(`serving observed ${report.serving.value!.toFixed(3)} vs true ${phase.servedRanked.reward.toFixed(3)} (${pct(report.serving.value! / phase.servedRanked.reward - 1)})`);
          }
        }
        console.log(`seed ${seed}: ${line.join('; ')}`);
      } finally {
        await shop.close();
      }
    }
  } finally {
    rmSync(template, { recursive: true, force: true });
  }
  console.log(`\n${seeds.length} seeds x ${lists} lists, after-purchase ${days} days${filter ? `, filter rule on ${filter}` : ''}:`);
  for (const name of Object.keys(TARGETS)) {
    const r = realisedErrors[name] ?? [];
    const e = expectedErrors[name] ?? [];
    console.log(`  ${name}: realised pbm error mean ${pct(mean(r))} (min ${pct(Math.min(...r))}, max ${pct(Math.max(...r))}); expected-outcome pbm error mean ${pct(mean(e))} (largest miss ${(100 * Math.max(...e.map(Math.abs))).toFixed(1)} %)`);
  }
  console.log(`  serving observed vs truth: mean ${pct(mean(servingErrors))} (min ${pct(Math.min(...servingErrors))}, max ${pct(Math.max(...servingErrors))}); pbm intervals covering the truth: ${covered} of ${estimates}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
