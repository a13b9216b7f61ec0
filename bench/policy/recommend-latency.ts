/**
 * recommend p50/p99 at 100k items with exploration on for the slot, and off in the same run for
 * comparison (alternating blocks of 250 requests): on a private copy of the store bench/recommend.ts builds (.cache/bench/recommend-N),
 * so its own figures are not touched. Each request goes through the contract's dispatcher, as in
 * bench/recommend.ts; every fourth request follows an event of the shopper.
 * `recommend_p99_ms_with_exploration_interval_95`: a 95 % bootstrap interval of that p99 over the
 * requests (bench-util.ts `percentileInterval95`).
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoShopperId } from '../../src/main/engine/demo';
import { Engine } from '../../src/main/engine/engine';
import type { ExplorationSettings } from '../../src/shared/contract';
import type { BenchFigures } from '../main';
import { prepareStore } from '../recommend';
import { OPE_EXPLORATION } from './ope-accuracy';
import { numberArg, percentile, percentileInterval95, round } from '../bench-util';

async function timeRequests(engine: Engine, shoppers: readonly string[], itemIds: readonly string[], requests: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const shopperId = shoppers[i % shoppers.length] as string;
    if (i % 4 === 0) await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId, itemId: itemIds[i % itemIds.length] as string }] });
    const t = performance.now();
    await engine.dispatcher.call('recommend', { shopperId, k: 20, slot: 'home' });
    times.push(performance.now() - t);
  }
  return times;
}

export async function recommendLatencyWithExploration(args: string[], exploration: ExplorationSettings = OPE_EXPLORATION): Promise<BenchFigures> {
  const loadAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;
  const count = numberArg(args, 'count', 100_000);
  const requests = numberArg(args, 'requests', 3000);
  const source = join(__dirname, `../../.cache/bench/recommend-${count}`);
  if (!existsSync(join(source, 'instinct.db'))) await prepareStore(source, count);
  const dir = mkdtempSync(join(tmpdir(), 'instinct-explore-latency-'));
  cpSync(source, dir, { recursive: true });
  const engine = new Engine({ dataDir: dir, host: 'bench' });
  try {
    await engine.start({ embedMissing: false });
    // The serving workers load their replicas in the background: measure once they answer.
    await engine.servingWorkers();
    const itemIds = engine.catalog.list({ limit: 500, offset: 0 }).items.map((i) => i.itemId);
    const shoppers = Array.from({ length: 400 }, (_, i) => demoShopperId(1 + ((i * 7) % 3000)));
    // Each shopper's first request loads their live state: not part of either measurement.
    for (const shopperId of shoppers) await engine.dispatcher.call('recommend', { shopperId, k: 20, slot: 'home' });
    // Exploration off and on in alternating blocks, so drift in the machine's load falls on both alike.
    const off: number[] = [];
    const on: number[] = [];
    const block = 250;
    for (let done = 0; done < requests; done += block) {
      for (const enabled of [false, true]) {
        await engine.dispatcher.call('exploration.configure', { slot: 'home', settings: { ...exploration, enabled }, note: 'bench' });
        (enabled ? on : off).push(...(await timeRequests(engine, shoppers, itemIds, Math.min(block, requests - done))));
      }
    }
    return {
      recommend_p99_ms_with_exploration: round(percentile(on, 0.99)),
      recommend_p99_ms_with_exploration_interval_95: percentileInterval95(on, 0.99).map((x) => round(x, 2)).join('..'),
      recommend_p50_ms_with_exploration: round(percentile(on, 0.5)),
      recommend_p99_ms_without_exploration: round(percentile(off, 0.99)),
      recommend_p50_ms_without_exploration: round(percentile(off, 0.5)),
      latency_catalogue_items: engine.catalog.count(),
      latency_requests: requests,
      latency_load_average_at_start: loadAtStart,
      latency_exploration: `rate ${exploration.rate}, positions ${exploration.fromPosition}-${exploration.toPosition}, pool ${exploration.poolSize}`,
    };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
