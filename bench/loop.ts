/**
 * The measurement loop's figures: `npm run bench -- loop --json [--events N] [--attr-runs N] [--lists N] [--bandit-lists N] [--probes N] [--sim-rate N] [--count N]`.
 *   attribution_overhead_ratio      ingest with attribution / without, same stream, same run (target <= 1.10)
 *   metrics_query_p99_ms            the Performance page's queries over the roll-ups of 1M lists (target <= 200)
 *   bandit_best_arm_share           Thompson sampling's share for the better of two arms, CTR 5 % vs 6 % (target >= 0.8)
 *   recommend_p99_ms_with_simulator recommend at 100k items while the simulator runs (target <= 5)
 * and, with `--only=after-purchase` (not in the default run: minutes), what leaving out substitutes of a
 * recent purchase does to simulated purchases (`--ap-seeds N --ap-sessions N --ap-shoppers N --ap-factor F`).
 */
import type { BenchFigures } from './main';
import { attributionOverhead } from './loop/attribution-overhead';
import { banditShare } from './loop/bandit';
import { metricsQueryLatency } from './loop/metrics-queries';
import { recommendUnderSimulation } from './loop/recommend-under-simulation';
import { afterPurchaseEffect } from './loop/after-purchase';
import { numberArg } from './bench-util';

export async function run(args: string[]): Promise<BenchFigures> {
  const only = args.find((a) => a.startsWith('--only='))?.slice(7);
  const parts: [string, () => Promise<BenchFigures>][] = [
    ['attribution', () => attributionOverhead(numberArg(args, 'events', 200_000), numberArg(args, 'attr-runs', 5))],
    ['metrics', () => metricsQueryLatency(numberArg(args, 'lists', 1_000_000), numberArg(args, 'repeats', 20))],
    ['bandit', () => banditShare(numberArg(args, 'bandit-lists', 40_000), 500)],
    ['simulator', () => recommendUnderSimulation(numberArg(args, 'count', 100_000), numberArg(args, 'probes', 2000), numberArg(args, 'sim-rate', 240))],
  ];
  if (only === 'after-purchase') parts.push(['after-purchase', () => afterPurchaseEffect(numberArg(args, 'ap-seeds', 3), numberArg(args, 'ap-sessions', 1500), numberArg(args, 'ap-shoppers', 300), numberArg(args, 'ap-factor', 0.1))]);
  const figures: BenchFigures = {};
  for (const [name, part] of parts) {
    if (only && only !== name) continue;
    process.stderr.write(`loop bench: ${name}...\n`);
    Object.assign(figures, await part());
  }
  return figures;
}
