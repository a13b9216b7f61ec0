import { CHANNELS, type FusionWeights } from '../../../shared/contract';
import type { JobContext } from '../jobs/job-runner';
import type { RecommendService } from '../recommend/recommend-service';
import type { PreparedCase } from './prepared-window';
import { meanWithInterval, replayNdcg } from './replay-metric';

/** Values tried for each channel's weight. */
const GRID = [0, 0.25, 0.5, 1, 2, 4];

/**
 * Coordinate ascent on the replayed NDCG@10: one channel at a time, keep the grid value that scores
 * best, for a few rounds. Cheap enough to run as a job in under a minute on the demo store, and its
 * answer is only a proposal: the merchandiser sees it before saving it.
 */
export async function autoTune(recommender: RecommendService, cases: readonly PreparedCase[], start: FusionWeights, rounds: number, ctx: JobContext): Promise<Record<string, unknown>> {
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
        ctx.report({ done, total, rate, etaSeconds: (total - done) / rate, message: `round ${r + 1}: ${channel}`, metrics: { 'NDCG@10': bestValue, baseline } });
      }
    }
  }
  const final = meanWithInterval(replayNdcg(recommender, cases, best));
  return { weights: best, value: final.mean, ci: final.ci, baseline, cases: cases.length };
}
