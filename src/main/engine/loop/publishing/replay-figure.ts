import type { FusionWeights, Rule } from '../../../../shared/contract';
import type { RecommendService } from '../../recommend/recommend-service';
import type { PreparedWindows } from '../../tuning/prepared-window';
import { meanWithInterval, replayNdcg } from '../../tuning/replay-metric';
import type { ReplayFigure } from './guard-service';

/** Held-out cases the guard replays: the tuning page's default window, so both show the same figure. */
const GUARD_CASES = 300;

/** The guard's replayed figure: NDCG@10 of the held-out window under some weights (and rules), with its interval; null without cases. */
export function replayFigure(recommender: RecommendService, windows: PreparedWindows): (weights: FusionWeights, rules?: readonly Rule[]) => Promise<ReplayFigure | null> {
  return async (weights, rules) => {
    const window = await windows.get(GUARD_CASES);
    if (window.cases.length === 0) return null;
    const { mean, ci } = meanWithInterval(replayNdcg(recommender, window.cases, weights, rules));
    return { value: mean, ci, cases: window.cases.length };
  };
}
