import { CHANNELS, type FusionWeights } from '../../../shared/contract';
import type { JobContext } from '../jobs/job-runner';
import type { RecommendService } from '../recommend/recommend-service';
import type { PreparedWindow } from './prepared-window';
import { meanWithInterval, replayNdcg } from './replay-metric';

/** Values tried for each channel's weight. */
const GRID = [0, 0.25, 0.5, 1, 2, 4];

/**
 * Coordinate ascent on the replayed NDCG@10 of the window's **tuning half**: one channel at a time,
 * keep the grid value that scores best, for a few rounds. Its figures are in-sample there, so the
 * result also reports the proposal and the starting weights on the **reporting half**, which the
 * search never saw: that is the figure to trust (and the one the tuning page shows). Cheap enough
 * to run as a job in under a minute on the demo store; its answer is only a proposal.
 */
export async function autoTune(recommender: RecommendService, window: PreparedWindow, start: FusionWeights, rounds: number, ctx: JobContext): Promise<Record<string, unknown>> {
  const cases = window.tuningCases;
  const score = async (w: FusionWeights): Promise<number> => {
    // Yield between evaluations so requests keep being served while the job runs.
    await new Promise((resolve) => setImmediate(resolve));
    return meanWithInterval(replayNdcg(recommender, cases, w)).mean;
  };
  const baseline = await score(start);
  let best = { ...start };
  let bestValue = baseline;
  const total = rounds * CHANNELS.length * GRID.length;
  let done = 0;
  const t0 = Date.now();
  for (let r = 0; r < rounds; r++) {
    for (const channel of CHANNELS) {
      for (const value of GRID) {
        ctx.signal.throwIfAborted();
        done++;
        if (best[channel] === value) continue;
        const trial = { ...best, [channel]: value };
        const v = await score(trial);
        if (v > bestValue + 1e-9) {
          best = trial;
          bestValue = v;
        }
        const rate = done / Math.max(1e-3, (Date.now() - t0) / 1000);
        ctx.report({ done, total, rate, etaSeconds: (total - done) / rate, message: `round ${r + 1}: ${channel} (tuning half)`, metrics: { 'NDCG@10': bestValue, baseline } });
      }
    }
  }
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
