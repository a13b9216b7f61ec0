/**
 * Recommend latency while simulated shoppers use the engine: the 100k-item bench store (shared with
 * `npm run bench -- recommend`), the live simulator at `rate` sessions a minute through the
 * contract, on a thread of its own like any other client (simulator-thread.ts), and a probe that asks for home lists for 400 warmed shoppers in turn, as
 * `npm run bench -- recommend` does, timed end to end (dispatcher -> list logged -> reply) with
 * attribution and roll-ups running underneath; the same probe with the simulator stopped, in the
 * same run, is the baseline. `recommend_p99_ms_with_simulator_interval_95`: a 95 % bootstrap interval
 * of that p99 over the probe's requests (bench-util.ts `percentileInterval95`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoShopperId } from '../../src/main/engine/demo';
import { Engine } from '../../src/main/engine/engine';
import { startSimulatorWorker } from '../../src/main/cli/simulator-worker-start';
import { startSimulatorThread, type SimulatorThread } from '../../src/main/simulator/simulator-thread';
import type { BenchFigures } from '../main';
import { prepareStore } from '../recommend';
import { percentile, percentileInterval95, round } from '../bench-util';

export async function recommendUnderSimulation(count: number, probes: number, rate: number): Promise<BenchFigures> {
  const dataDir = join(__dirname, `../../.cache/bench/recommend-${count}`);
  if (!existsSync(join(dataDir, 'instinct.db'))) await prepareStore(dataDir, count);
  const engine = new Engine({ dataDir, host: 'bench' });
  await engine.start({ embedMissing: false });
  // The serving workers load their replicas in the background: measure once they answer.
  await engine.servingWorkers();
  let simulator: SimulatorThread | undefined;
  const shoppers = Array.from({ length: 400 }, (_, i) => demoShopperId(1 + ((i * 7) % 3000)));
  const probe = async (): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < probes; i++) {
      const t = performance.now();
      await engine.dispatcher.call('recommend', { shopperId: shoppers[i % shoppers.length]!, k: 20 });
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
    return times;
  };
  try {
    // Each probe shopper's first list loads their state from the store: not what is measured.
    for (const shopperId of shoppers) await engine.dispatcher.call('recommend', { shopperId, k: 20 });
    const alone = await probe();
    // The thread reads the catalogue through the contract before its shoppers arrive.
    simulator = await startSimulatorThread(engine.dispatcher, { truth: { shoppers: 3000 }, ratePerMinute: rate, speed: 4, seed: 7, log: false, startWorker: startSimulatorWorker });
    // Let the simulated traffic build up before measuring.
    await new Promise((r) => setTimeout(r, 5000));
    const times = await probe();
    const c = await simulator.stop();
    simulator = undefined;
    return {
      recommend_p99_ms_with_simulator: round(percentile(times, 0.99)),
      recommend_p99_ms_with_simulator_interval_95: percentileInterval95(times, 0.99).map((x) => round(x, 2)).join('..'),
      recommend_p50_ms_with_simulator: round(percentile(times, 0.5)),
      recommend_p99_ms_without_simulator: round(percentile(alone, 0.99)),
      recommend_p50_ms_without_simulator: round(percentile(alone, 0.5)),
      simulator_sessions: c.sessions,
      simulator_lists: c.lists,
      simulator_clicks: c.clicks,
      simulator_purchases: c.purchases,
      simulator_errors: c.errors,
      probe_requests: probes,
      catalogue_items: engine.catalog.count(),
    };
  } finally {
    await simulator?.stop();
    await engine.close();
  }
}
