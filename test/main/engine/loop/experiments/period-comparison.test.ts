import { afterEach, describe, expect, it } from 'vitest';
import type { LoopCounts } from '../../../../../src/shared/contract';
import { addCounts, emptyCounts } from '../../../../../src/main/engine/loop/metrics/loop-counts';
import { checkGuardrail } from '../../../../../src/main/engine/loop/experiments/guardrail';
import { abInput, experimentEnv, T0, type ExperimentEnv } from './experiment-fixtures';

const HOUR = 3_600_000;
/** The hour after T0's (T0 is 09:30, so this is 10:00): the bandit's shares change exactly there. */
const NEXT_HOUR = Math.floor(T0 / HOUR) * HOUR + HOUR;

/** `lists` lists of 10 items, `purchased` of them converting (one order of 40 each). */
function lists(n: number, purchased: number): Partial<LoopCounts> {
  return { lists: n, items: n * 10, purchasedLists: purchased, orders: purchased, purchasedItems: purchased, revenue: purchased * 40, revenueSqLists: purchased * 1600, orderValueSq: purchased * 1600 };
}

/** A bandit on conversion, started at T0 at 50/50, whose shares moved to 5/95 at 10:00 (as written to experiment_allocations). */
function movedBandit(): ExperimentEnv {
  const env = experimentEnv();
  env.service.create(abInput({ mode: 'bandit', reward: 'conversion' }));
  env.service.start('e-1');
  env.db.prepare('INSERT INTO experiment_allocations (experiment_seq, ts, shares) VALUES (1, ?, ?)').run(NEXT_HOUR, JSON.stringify([0.05, 0.95]));
  return env;
}

/**
 * The two periods of the reviewer's example: 10,000 lists at 50/50 in the 09:00 hour, then 20,000
 * at 5/95 in the 10:00 hour, with the conversion rates given per period and arm.
 */
function serveTwoPeriods(env: ExperimentEnv, rates: { first: [number, number]; second: [number, number] }): void {
  env.rollups.add('e-1:control', lists(5000, Math.round(5000 * rates.first[0])), T0);
  env.rollups.add('e-1:b', lists(5000, Math.round(5000 * rates.first[1])), T0);
  env.rollups.add('e-1:control', lists(1000, Math.round(1000 * rates.second[0])), NEXT_HOUR + 1000);
  env.rollups.add('e-1:b', lists(19_000, Math.round(19_000 * rates.second[1])), NEXT_HOUR + 1000);
}

describe('bandit comparisons within allocation periods', () => {
  let env: ExperimentEnv;
  afterEach(() => env.close());

  it('does not read a falling conversion rate as a worse arm when the bandit moved traffic (identical arms: guardrail ok)', () => {
    env = movedBandit();
    // Both arms convert alike: 6 % in the first period, 3 % in the second.
    serveTwoPeriods(env, { first: [0.06, 0.06], second: [0.03, 0.03] });
    // Pooled, control is 5.50 % and B 3.62 %: the comparison of pooled counts trips the guardrail.
    const pooled = [env.rollups.counts.get('e-1:control') ?? emptyCounts(), env.rollups.counts.get('e-1:b') ?? emptyCounts()];
    expect(checkGuardrail(env.service.get('e-1'), pooled).status).toBe('tripped');
    // Within periods the arms do not differ at all.
    const results = env.service.results('e-1');
    expect(results.guardrail.status).toBe('ok');
    const conversion = results.arms[1]?.vsControl.find((c) => c.metric === 'conversionRate');
    expect(conversion?.difference).toBeCloseTo(0, 12);
    expect(conversion?.verdict).toBe('inconclusive');
    // And the tick, which applies the guardrail, leaves the experiment running.
    expect(env.service.tick(NEXT_HOUR + 2000).stopped).toEqual([]);
    expect(env.service.get('e-1').status).toBe('running');
  });

  it('still finds a true effect that the drift hides: B 3 points worse in each period trips the guardrail though pooled it looks better', () => {
    env = movedBandit();
    // B is 3 points below control in both periods; conversion rises in the second, where B has 95 %.
    serveTwoPeriods(env, { first: [0.04, 0.01], second: [0.09, 0.06] });
    const pooled = [env.rollups.counts.get('e-1:control') ?? emptyCounts(), env.rollups.counts.get('e-1:b') ?? emptyCounts()];
    // Pooled, B (4.96 %) even looks better than control (4.83 %).
    expect((pooled[1]?.purchasedLists ?? 0) / (pooled[1]?.lists ?? 1)).toBeGreaterThan((pooled[0]?.purchasedLists ?? 0) / (pooled[0]?.lists ?? 1));
    expect(checkGuardrail(env.service.get('e-1'), pooled).status).toBe('ok');
    const conversion = env.service.results('e-1').arms[1]?.vsControl.find((c) => c.metric === 'conversionRate');
    expect(conversion?.difference).toBeCloseTo(-0.03, 12);
    expect(conversion?.verdict).toBe('worse');
    expect(env.service.tick(NEXT_HOUR + 2000).stopped).toEqual(['e-1']);
    expect(env.service.get('e-1')).toMatchObject({ status: 'stopped', stoppedBy: 'guardrail' });
    expect(env.service.get('e-1').stopReason).toContain('below control');
  });

  /** Two hours of drifting counts (conversion, clicks and revenue fall from 09:00 to 10:00), 50/50. */
  function serveFixedShares(e: ExperimentEnv): void {
    const h = (o: Partial<LoopCounts>): LoopCounts => ({ ...emptyCounts(), ...o });
    e.rollups.add('e-1:control', h({ lists: 5000, items: 50000, clickedItems: 2600, clickedLists: 1100, purchasedLists: 300, orders: 300, revenue: 12000, revenueSqLists: 600000, orderValueSq: 600000 }), T0);
    e.rollups.add('e-1:control', h({ lists: 5000, items: 50000, clickedItems: 2000, clickedLists: 900, purchasedLists: 150, orders: 150, revenue: 6300, revenueSqLists: 330000, orderValueSq: 330000 }), NEXT_HOUR + 1000);
    e.rollups.add('e-1:b', h({ lists: 5000, items: 50000, clickedItems: 2800, clickedLists: 1180, purchasedLists: 330, orders: 330, revenue: 13500, revenueSqLists: 690000, orderValueSq: 690000 }), T0);
    e.rollups.add('e-1:b', h({ lists: 5000, items: 50000, clickedItems: 2150, clickedLists: 950, purchasedLists: 170, orders: 170, revenue: 7000, revenueSqLists: 360000, orderValueSq: 360000 }), NEXT_HOUR + 1000);
  }

  it('leaves a fixed-share (A/B) experiment exactly as before: one period, the pooled comparison, bit for bit', () => {
    env = experimentEnv();
    env.service.create(abInput());
    env.service.start('e-1');
    serveFixedShares(env);
    // The figures the pooled comparison gave before periods existed (computed with that code).
    expect(env.service.results('e-1').arms[1]?.vsControl).toEqual([
      { metric: 'ctr', difference: 0.003500000000000003, low: 0.0006055191129314586, high: 0.006394480887068548, verdict: 'better' },
      { metric: 'listCtr', difference: 0.012999999999999984, low: -0.004374164836595237, high: 0.030374164836595205, verdict: 'inconclusive' },
      { metric: 'addToCartRate', difference: 0, low: -0.00003035186226526979, high: 0.00003035186226526979, verdict: 'inconclusive' },
      { metric: 'conversionRate', difference: 0.0050000000000000044, low: -0.004133754956002359, high: 0.014133754956002368, verdict: 'inconclusive' },
      { metric: 'revenuePerMille', difference: 220, low: -198.889243086205, high: 638.8892430862049, verdict: 'inconclusive' },
      { metric: 'averageOrderValue', difference: 0.3333333333333357, low: -3.6924726327972603, high: 4.359139299463932, verdict: 'inconclusive' },
    ]);
    const pooled = addCounts(emptyCounts(), env.rollups.counts.get('e-1:b') ?? emptyCounts());
    expect(env.service.results('e-1').arms[1]?.counts).toEqual(pooled);

    // The same counts in a bandit whose shares changed at 10:00 are compared within the two hours:
    // the same difference (the split was 50/50 in both), but without the hours' drift in its variance.
    env.close();
    env = movedBandit();
    serveFixedShares(env);
    const conversion = env.service.results('e-1').arms[1]?.vsControl.find((c) => c.metric === 'conversionRate');
    expect(conversion?.difference).toBeCloseTo(0.005, 12);
    expect((conversion?.high ?? 0) - (conversion?.low ?? 0)).toBeLessThan(0.014133754956002368 + 0.004133754956002359);
  });
});
