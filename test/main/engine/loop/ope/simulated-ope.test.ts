import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGGING_WEIGHTS, OPE_TARGETS } from '../../../../../bench/policy/ope-accuracy';
import { buildShopTemplate, SimulatedShop, weightsTarget, type LogPhase } from '../../../../../bench/policy/simulated-log';
import { seededRandom } from '../../../../../src/main/engine/ranking/intent/seeded-random';
import { DEFAULT_REWARD, type OpeReport } from '../../../../../src/shared/contract';
import { tempDir } from '../../../../helpers/temp-dir';

/**
 * The small, fast version of `npm run bench -- policy`: one seed, a small shop (200 items with text
 * vectors, 30 shoppers), 1,000 home lists with half the windows shuffled. Looser than the bench's 10 % (the log is
 * 10 times smaller), but a broken estimator, propensity or arrangement misses by far more. The
 * engine's exploration draws come from Math.random: seeded here, so the test gives the same log on
 * every run.
 */
const unseeded = Math.random;
let template: ReturnType<typeof tempDir>;
let shop: SimulatedShop;
let phase: LogPhase;
const reports: Record<string, OpeReport> = {};
const TARGETS = { behaviourLed: OPE_TARGETS.behaviourLed!, freshAndCheap: OPE_TARGETS.freshAndCheap!, logging: LOGGING_WEIGHTS };

beforeAll(async () => {
  Math.random = seededRandom(20261205);
  template = tempDir('instinct-ope-template-');
  await buildShopTemplate(template.dir, { items: 200, shoppers: 30, historyDays: 5, embed: true });
  shop = await SimulatedShop.open(template.dir, { shoppers: 30, start: false });
  await shop.explore({ enabled: true, rate: 0.5, fromPosition: 1, toPosition: 10, poolSize: 40 });
  phase = await shop.logLists({ seed: 1, lists: 1000, reward: DEFAULT_REWARD, targets: Object.entries(TARGETS).map(([name, w]) => weightsTarget(name, w)) });
  for (const [name, weights] of Object.entries(TARGETS)) {
    reports[name] = await shop.client.call('ope.estimate', { target: { kind: 'weights', weights }, from: phase.from, to: phase.to, reward: DEFAULT_REWARD, clip: 1000 });
  }
}, 60_000);

afterAll(async () => {
  Math.random = unseeded;
  await shop?.close();
  template?.cleanup();
});

describe('off-policy estimates against the simulator (one seed, small)', () => {
  it('the truth harness replays the logging weights exactly, and the targets differ from serving', () => {
    expect(phase.replayAgreement).toBe(1);
    expect(phase.shuffled).toBeGreaterThan(400);
    const logging = phase.truth.logging!.reward;
    expect(Math.abs(phase.truth.behaviourLed!.reward / logging - 1)).toBeGreaterThan(0.05);
  });

  it('the position-based estimate is within 25 % and 4 standard errors of the true value of each target, with an interval that is not vacuous', () => {
    for (const name of Object.keys(TARGETS)) {
      const truth = phase.truth[name]!.reward;
      const pbm = reports[name]!.estimates.find((e) => e.estimator === 'pbm')!;
      const width = pbm.high! - pbm.low!;
      expect(Math.abs(pbm.value! / truth - 1), `${name}: ${pbm.value} vs ${truth}`).toBeLessThan(0.25);
      // A 95 % interval is about 4 standard errors wide.
      expect(Math.abs(pbm.value! - truth), `${name}: ${pbm.value} vs ${truth}, width ${width}`).toBeLessThan(width);
      expect(width).toBeLessThan(0.8 * truth);
    }
  });

  it('serving is the on-policy mean of the kept lists, within 4 standard errors of its true value', () => {
    const serving = reports.logging!.serving;
    expect(Math.abs(serving.value! - phase.servedRanked.reward)).toBeLessThan(serving.high! - serving.low!);
  });

  it('the examination curve from the shuffled lists follows the simulator (theta_k = k^-0.8) roughly at this size', async () => {
    const curve = await shop.client.call('ope.examination', { slot: 'home', from: phase.from, to: phase.to, maxPosition: 10 });
    // About 500 shuffled lists and 50 clicks at position 1: each point is noisy, their mean error is not.
    const errors = curve.points.slice(1).map((p) => Math.abs(p.examination! - p.position ** -0.8));
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThan(0.15);
    // Decreasing overall: the last positions are examined far less than the first.
    expect(curve.points[9]!.examination!).toBeLessThan(0.5);
  });
});
