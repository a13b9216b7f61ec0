import { CHANNELS, type FusionWeights } from '../../../shared/contract';
import type { JobContext } from '../jobs/job-runner';
import { nextTurn } from '../workers/time-slices';

/** Values tried for each channel's weight. */
export const WEIGHT_GRID = [0, 0.25, 0.5, 1, 2, 4];

/**
 * Coordinate ascent over the fusion weights: one channel at a time, keep the grid value that scores
 * best, for a few rounds. Yields to the event loop before every evaluation, so requests keep being
 * served while a job runs it; reports progress with `label` and the best score so far.
 */
export async function coordinateAscent(
  score: (weights: FusionWeights) => number | Promise<number>,
  start: FusionWeights,
  rounds: number,
  ctx: JobContext,
  label: { metric: string; half: string },
): Promise<{ weights: FusionWeights; value: number; baseline: number }> {
  const evaluate = async (w: FusionWeights): Promise<number> => {
    await nextTurn();
    return score(w);
  };
  const baseline = await evaluate(start);
  let best = { ...start };
  let bestValue = baseline;
  const total = rounds * CHANNELS.length * WEIGHT_GRID.length;
  let done = 0;
  const t0 = Date.now();
  for (let r = 0; r < rounds; r++) {
    for (const channel of CHANNELS) {
      for (const value of WEIGHT_GRID) {
        ctx.signal.throwIfAborted();
        done++;
        if (best[channel] === value) continue;
        const trial = { ...best, [channel]: value };
        const v = await evaluate(trial);
        if (v > bestValue + 1e-9) {
          best = trial;
          bestValue = v;
        }
        const rate = done / Math.max(1e-3, (Date.now() - t0) / 1000);
        ctx.report({ done, total, rate, etaSeconds: (total - done) / rate, message: `round ${r + 1}: ${channel} (${label.half})`, metrics: { [label.metric]: bestValue, baseline } });
      }
    }
  }
  return { weights: best, value: bestValue, baseline };
}
