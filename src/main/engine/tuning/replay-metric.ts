import { performance } from 'node:perf_hooks';
import type { FusionWeights, ReplayResult, Rule } from '../../../shared/contract';
import type { RecommendService } from '../recommend/recommend-service';
import type { PreparedCase, PreparedWindow } from './prepared-window';

const RESAMPLES = 500;

/** NDCG@10 of each case's target in the list the weights (and, for a what-if rule change, this rule set) would have produced after its prefix. */
export function replayNdcg(recommender: RecommendService, cases: readonly PreparedCase[], weights: FusionWeights, rules?: readonly Rule[]): number[] {
  return cases.map((c) => {
    const list = recommender.rankPrepared(c.prepared, weights, 10, 'home', rules);
    const rank = list.items.findIndex((i) => i.itemId === c.targetItemId);
    return rank < 0 ? 0 : 1 / Math.log2(rank + 2);
  });
}

/** Mean with a seeded percentile-bootstrap 95% interval, so the same weights always show the same interval. */
export function meanWithInterval(values: readonly number[], seed = 17): { mean: number; ci: [number, number] } {
  if (values.length === 0) return { mean: 0, ci: [0, 0] };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  let state = seed;
  const random = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const means: number[] = [];
  for (let r = 0; r < RESAMPLES; r++) {
    let s = 0;
    for (let i = 0; i < values.length; i++) s += values[Math.floor(random() * values.length)]!;
    means.push(s / values.length);
  }
  means.sort((a, b) => a - b);
  return { mean, ci: [means[Math.floor(0.025 * RESAMPLES)]!, means[Math.floor(0.975 * RESAMPLES)]!] };
}

/** The tuning page's figure: NDCG@10 on the window's reporting half (never searched by auto-tune), point in time. */
export function replayMetric(recommender: RecommendService, window: PreparedWindow, weights: FusionWeights, startedAt = performance.now()): ReplayResult {
  const gains = replayNdcg(recommender, window.cases, weights);
  const { mean, ci } = meanWithInterval(gains);
  return {
    metric: 'NDCG@10',
    value: mean,
    ci,
    hitRate10: gains.length ? gains.filter((g) => g > 0).length / gains.length : 0,
    cases: gains.length,
    windowStart: window.windowStart,
    windowEnd: window.windowEnd,
    tookMs: performance.now() - startedAt,
    half: 'reporting',
    signalsBefore: window.signalsBefore,
  };
}
