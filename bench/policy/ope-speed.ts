/**
 * How long an estimate takes on a large log, and how long it holds the event loop at most:
 * a synthetic 100k-list dataset (pool 40, window 10, half the lists shuffled) arranged for a
 * target and estimated by every estimator with the bootstrap, while an event-loop delay monitor
 * runs. The log reader's own speed is measured on the simulated shop's store (ope-accuracy.ts).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { arrangeTarget, estimatePolicy, OpeDatasetBuilder, weightsPolicy, type OpeDataset } from '../../src/main/engine/loop/ope';
import { FEATURES_PER_ITEM } from '../../src/main/engine/ranking';
import { seededRandom } from '../../src/main/engine/ranking/intent/seeded-random';
import { DEFAULT_REWARD } from '../../src/shared/contract';
import type { BenchFigures } from '../main';
import { LOGGING_WEIGHTS, OPE_TARGETS } from './ope-accuracy';

/** A random log with the engine's shapes: pool items with random channel scores and categories, clicks at theta_k x 0.1. */
export function syntheticLog(lists: number, poolSize = 40, window = 10, rate = 0.5, seed = 1): OpeDataset {
  const random = seededRandom(seed);
  const builder = new OpeDatasetBuilder('home');
  for (let i = 0; i < lists; i++) {
    const shuffled = random() < rate;
    const shown = Array.from({ length: poolSize }, (_, j) => j);
    if (shuffled) {
      for (let k = 0; k < window; k++) {
        const j = k + Math.floor(random() * (poolSize - k));
        [shown[k], shown[j]] = [shown[j] as number, shown[k] as number];
      }
    }
    const clicks = Array.from({ length: window }, (_, k) => (random() < 0.1 * (k + 1) ** -0.8 ? 1 : 0));
    builder.add({
      impressionId: `s${i}`,
      createdAt: i,
      rate,
      shuffled,
      purchaseIntent: random(),
      coldStart: false,
      pool: Array.from({ length: poolSize }, (_, j) => `P${(i * 7 + j * 13) % 5000}`),
      poolCategories: Array.from({ length: poolSize }, () => `c${Math.floor(random() * 12)}`),
      poolFeatures: Float32Array.from({ length: poolSize * FEATURES_PER_ITEM }, () => random()),
      windowPositions: Array.from({ length: window }, (_, k) => k + 1),
      shownPool: shown.slice(0, window),
      clicks,
      carts: clicks.map((c) => (c && random() < 0.3 ? 1 : 0)),
      purchases: clicks.map(() => 0),
      revenue: clicks.map(() => 0),
    });
  }
  return builder.build();
}

export async function opeSpeed(lists = 100_000): Promise<BenchFigures> {
  const d = syntheticLog(lists);
  const monitor = monitorEventLoopDelay({ resolution: 1 });
  monitor.enable();
  const t0 = performance.now();
  const target = await arrangeTarget(d, weightsPolicy(OPE_TARGETS.textLed ?? LOGGING_WEIGHTS), { diversity: { mmrLambda: 0.85, maxPerCategory: 5 } });
  const t1 = performance.now();
  await estimatePolicy(d, target, DEFAULT_REWARD, { clip: 1000 });
  const t2 = performance.now();
  monitor.disable();
  return {
    ope_speed_lists: lists,
    ope_arrange_ms: Math.round(t1 - t0),
    ope_estimate_ms: Math.round(t2 - t1),
    ope_event_loop_max_delay_ms: Math.round(monitor.max / 1e6),
  };
}
