import { describe, expect, it } from 'vitest';
import { arrangeTarget, estimatePolicy, itemPositionWeights, slotPropensity, weightsPolicy, type OpeDataset, type PolicyEstimate, type ScoringPolicy } from '../../../../../src/main/engine/loop/ope';
import { windowPropensity } from '../../../../../src/main/engine/ranking';
import type { FusionWeights, OpeEstimatorName, RewardSpec } from '../../../../../src/shared/contract';
import { toyContexts, toyLog, toyTruth, type ToyLogOptions } from './toy-log';

const THETA = [1, 0.6, 0.45, 0.35];
const BASE: ToyLogOptions = { lists: 300, poolSize: 8, theta: THETA, rate: 0.4, contextSeed: 7, seed: 1 };
const REWARD: RewardSpec = { kind: 'composite', click: 1, cart: 3, purchase: 10 };
const ZERO: FusionWeights = { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 };
/** Ranks by appeal: a target that differs from the logging ranking (popularity first). */
const APPEAL = weightsPolicy({ ...ZERO, text: 1 });
/** The logging ranking itself. */
const LOGGING: ScoringPolicy = weightsPolicy({ ...ZERO, popularity: 1, text: 0.2 });
const NAMES: OpeEstimatorName[] = ['ips', 'snips', 'dr', 'pbm'];

const contexts = toyContexts(BASE);
const valueOf = (e: PolicyEstimate, name: OpeEstimatorName): number => e.estimates.find((x) => x.estimator === name)?.value as number;
/** Composite truth: each click is also a cart add (toy), so 1 + 3 per click and 10 per purchase. */
const truthReward = (t: ReturnType<typeof toyTruth>): number => 4 * t.clicks + 10 * t.purchases;
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));

async function estimates(options: Partial<ToyLogOptions>, logs: number, clip = 1e6, policy: ScoringPolicy = APPEAL, tamper?: (d: OpeDataset) => OpeDataset): Promise<{ runs: PolicyEstimate[]; target: Int32Array; truth: number }> {
  const runs: PolicyEstimate[] = [];
  const ctx = options.lists !== undefined ? toyContexts({ ...BASE, ...options }) : contexts;
  let target: Int32Array = new Int32Array(0);
  for (let s = 0; s < logs; s++) {
    const log = toyLog({ ...BASE, ...options, seed: 1000 + s }, ctx);
    target = await arrangeTarget(log, policy);
    runs.push(await estimatePolicy(tamper ? tamper(log) : log, target, REWARD, { clip, bootstrap: { replicates: 0 } }));
  }
  return { runs, target, truth: truthReward(toyTruth(ctx, target, THETA)) };
}

describe('off-policy estimators on toy logs with a known truth', () => {
  it('IPS, SNIPS, DR and the position-based estimator are unbiased for a known logging policy: the mean of 150 seeded logs of 500 lists is within 4 standard errors of the analytic value', async () => {
    const { runs, target, truth } = await estimates({ lists: 500 }, 150);
    const serving = mean(runs.map((r) => r.serving.value as number));
    // The target differs from logging enough that serving's value would fail the same check.
    expect(Math.abs(serving - truth) / truth).toBeGreaterThan(0.15);
    for (const name of NAMES) {
      const values = runs.map((r) => valueOf(r, name));
      const se = sd(values) / Math.sqrt(values.length);
      expect(Math.abs(mean(values) - truth), `${name}: mean ${mean(values)} vs ${truth} (se ${se})`).toBeLessThan(4 * se);
      // Not vacuous: the check resolves a bias of about 8 % (4 standard errors of at most 2 %).
      expect(se / truth, name).toBeLessThan(0.02);
    }
    // Figures come out per outcome too: clicks, purchases and revenue per list.
    const t = toyTruth(toyContexts({ ...BASE, lists: 500 }), target, THETA);
    for (const [outcome, value] of [['clicks', t.clicks], ['purchases', t.purchases], ['revenue', t.revenue]] as const) {
      expect(Math.abs(mean(runs.map((r) => r.outcomes.pbm[outcome].value as number)) - value) / value, outcome).toBeLessThan(0.04);
    }
  });

  it('a log read with the wrong propensities (a rate it was not served with) is caught: IPS misses the truth by far more', async () => {
    const wrongRate = (d: OpeDataset): OpeDataset => ({ ...d, rate: d.rate.map(() => 0.2) });
    const { runs, target } = await estimates({}, 60, 1e6, APPEAL, wrongRate);
    const truth = truthReward(toyTruth(contexts, target, THETA));
    const values = runs.map((r) => valueOf(r, 'ips'));
    expect(Math.abs(mean(values) - truth)).toBeGreaterThan(6 * (sd(values) / Math.sqrt(values.length)));
  });

  it('clipping cuts every weight above the clip (counted, largest weight reported) and biases IPS towards zero, as documented', async () => {
    const log = toyLog(BASE, contexts);
    const target = await arrangeTarget(log, APPEAL);
    const raw = itemPositionWeights(log, target, 1e6);
    const clipped = itemPositionWeights(log, target, 5);
    // A target choice outside the ranked window has propensity rate / |pool| = 0.05, weight 20.
    expect(raw.summary.maxWeight).toBeCloseTo(1 / (0.4 / 8), 9);
    expect(clipped.summary.clipped).toBe(Array.from(raw.weight).filter((w) => w > 5).length);
    expect(clipped.summary.clipped).toBeGreaterThan(0);
    expect(Math.max(...clipped.weight)).toBe(5);
    const { runs } = await estimates({}, 60, 5);
    const truth = truthReward(toyTruth(contexts, target, THETA));
    const ips = runs.map((r) => valueOf(r, 'ips'));
    expect(mean(ips)).toBeLessThan(truth - 4 * (sd(ips) / Math.sqrt(ips.length)));
    expect(runs[0]?.estimates.find((e) => e.estimator === 'ips')?.clipped).toBeGreaterThan(0);
  });

  it('self-normalisation: with the same reward at every slot SNIPS returns exactly that reward per slot, where IPS varies with the weights', async () => {
    const { runs } = await estimates({ constantClicks: 1 }, 20);
    // Each slot earns 1 click + 1 cart (+ purchases drawn at 0.3): the clicks and carts part is exactly 4 per slot.
    for (const r of runs) expect(r.outcomes.snips.clicks.value).toBeCloseTo(THETA.length, 9);
    const ipsClicks = runs.map((r) => r.outcomes.ips.clicks.value as number);
    expect(sd(ipsClicks)).toBeGreaterThan(0.05);
    expect(Math.abs(mean(ipsClicks) - THETA.length)).toBeLessThan(0.2);
  });

  it('the effective sample size is (sum w)^2 / sum w^2 per slot: equal weights on s lists give s', async () => {
    const log = toyLog(BASE, contexts);
    const target = await arrangeTarget(log, LOGGING);
    const { weight, summary } = itemPositionWeights(log, target, 1e6);
    // The logging ranking's own window: every matching list has the same weight 1 / (1 - rate + rate / |pool|).
    const m = THETA.length;
    let matches = 0;
    for (let k = 0; k < m; k++) for (let i = 0; i < log.lists; i++) if ((weight[i * m + k] as number) > 0) matches++;
    expect(summary.effectiveSampleSize).toBeCloseTo(matches / m, 9);
    const nonZero = Array.from(weight).filter((w) => w > 0);
    for (const w of nonZero) expect(w).toBeCloseTo(1 / (1 - 0.4 + 0.4 / 8), 12);
  });

  it('serving is the on-policy mean of the lists that kept the ranked order', async () => {
    const log = toyLog(BASE, contexts);
    const e = await estimatePolicy(log, await arrangeTarget(log, APPEAL), REWARD, { clip: 50, bootstrap: { replicates: 0 } });
    let sum = 0;
    let n = 0;
    for (let i = 0; i < log.lists; i++) {
      if (log.shuffled[i] === 1) continue;
      n++;
      for (let k = 0; k < THETA.length; k++) sum += 4 * (log.clicks[i * THETA.length + k] as number) + 10 * (log.purchases[i * THETA.length + k] as number);
    }
    expect(e.serving.value).toBeCloseTo(sum / n, 9);
  });

  it('the propensity estimators use is the one the ranker logs (windowPropensity)', () => {
    const log = toyLog(BASE, contexts);
    const pool = log.itemIds.slice(0, 8);
    const record = { rate: 0.4, positions: [1, 2, 3, 4], pool };
    for (let j = 0; j < 8; j++) for (let k = 0; k < 4; k++) expect(slotPropensity(log, 0, j, k)).toBeCloseTo(windowPropensity(record, pool[j] as string, k), 12);
  });

  it('95 % bootstrap intervals cover the truth in most of 60 seeded logs, and the same seed gives the same interval', async () => {
    const covered: Record<string, number> = { ips: 0, snips: 0, dr: 0, pbm: 0 };
    let truth = 0;
    const logs = 60;
    let first: PolicyEstimate | undefined;
    for (let s = 0; s < logs; s++) {
      const log = toyLog({ ...BASE, seed: 5000 + s }, contexts);
      const target = await arrangeTarget(log, APPEAL);
      truth = truthReward(toyTruth(contexts, target, THETA));
      const e = await estimatePolicy(log, target, REWARD, { clip: 1e6, bootstrap: { replicates: 200, seed: 3 } });
      if (s === 0) {
        first = e;
        const again = await estimatePolicy(log, target, REWARD, { clip: 1e6, bootstrap: { replicates: 200, seed: 3 } });
        expect(again.estimates).toEqual(e.estimates);
      }
      for (const x of e.estimates) if (x.low !== null && x.high !== null && x.low <= truth && truth <= x.high) covered[x.estimator] = (covered[x.estimator] ?? 0) + 1;
    }
    for (const name of NAMES) expect(covered[name], name).toBeGreaterThanOrEqual(0.85 * logs);
    // The intervals are not vacuous: narrower than the value itself.
    const pbm = first?.estimates.find((x) => x.estimator === 'pbm');
    expect((pbm?.high as number) - (pbm?.low as number)).toBeLessThan(truth);
  });
});
