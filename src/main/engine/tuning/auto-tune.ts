import type { FusionWeights } from '../../../shared/contract';
import type { JobContext } from '../jobs/job-runner';
import type { RecommendService } from '../recommend/recommend-service';
import type { PreparedWindow } from './prepared-window';
import { coordinateAscent } from './coordinate-ascent';
import { meanWithInterval, replayNdcg } from './replay-metric';

/**
 * Coordinate ascent (coordinate-ascent.ts) on the replayed NDCG@10 of the window's **tuning half**.
 * Its figures are in-sample there, so the
 * result also reports the proposal and the starting weights on the **reporting half**, which the
 * search never saw: that is the figure to trust (and the one the tuning page shows). Cheap enough
 * to run as a job in under a minute on the demo store; its answer is only a proposal.
 */
export async function autoTune(recommender: RecommendService, window: PreparedWindow, start: FusionWeights, rounds: number, ctx: JobContext): Promise<Record<string, unknown>> {
  const cases = window.tuningCases;
  const meanNdcg = (w: FusionWeights): number => {
    const gains = replayNdcg(recommender, cases, w);
    return gains.reduce((s, g) => s + g, 0) / Math.max(1, gains.length);
  };
  const { weights: best, baseline } = await coordinateAscent(meanNdcg, start, rounds, ctx, { metric: 'NDCG@10', half: 'tuning half' });
  const tuned = meanWithInterval(replayNdcg(recommender, cases, best));
  const reported = meanWithInterval(replayNdcg(recommender, window.cases, best));
  const reportedBaseline = meanWithInterval(replayNdcg(recommender, window.cases, start));
  return {
    weights: best,
    // The tuning half: where the search looked (in-sample; the proposal can only be at least as good here).
    value: tuned.mean,
    ci: tuned.ci,
    baseline,
    cases: cases.length,
    half: 'tuning',
    // The reporting half: out of sample for the search.
    reporting: { value: reported.mean, ci: reported.ci, baseline: reportedBaseline.mean, cases: window.cases.length, half: 'reporting' },
    signalsBefore: window.signalsBefore,
  };
}
