/**
 * What the store's WAL checkpoints cost the engine's thread during a sustained single-event ingest
 * stream: `npm run bench -- wal-stall --json [--events N] [--rate R] [--rounds N] [--source DIR]`.
 * The 100k-item bench store (or DIR) is copied to a scratch folder; each round opens one engine on
 * it per mode, alternating (the background checkpointer, and walCheckpoints 'engine-thread': the old
 * auto-checkpoint on the committing thread), and sends N single-event `events.ingest` calls, R a
 * second (default 1000; 0: one after another as fast as the engine answers). Per mode: event-loop
 * delay p99 and max (monitorEventLoopDelay, 1 ms resolution), the longest gap between 1 ms ticks and
 * how many passed 20 and 50 ms, the slowest call and calls over 20 ms, the WAL's largest size, and
 * what the background checkpointer did (checkpoints, finishes on the engine's thread, the longest).
 */
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { EventInput } from '../src/shared/contract';
import { Engine } from '../src/main/engine/engine';
import type { WalCheckpointMode } from '../src/main/engine/store/wal-checkpointer';
import { numberArg, round } from './bench-util';
import type { BenchFigures } from './main';
import { prepareStore } from './recommend';

const COUNT = 100_000;
const TYPES = ['view', 'view', 'view', 'click', 'add_to_cart', 'purchase'] as const;

interface Run {
  loopMaxMs: number;
  loopP99Ms: number;
  /** Gaps between 1 ms ticks longer than 20 and 50 ms: the thread held (or not scheduled) that long. */
  gapsOver20: number;
  gapsOver50: number;
  gapMaxMs: number;
  callMaxMs: number;
  callsOver20: number;
  eventsPerS: number;
  walMaxMb: number;
  checkpoints: number;
  finishes: number;
  finishMsMax: number;
}

function event(n: number, tag: string, base: number): EventInput {
  const type = TYPES[n % TYPES.length] ?? 'view';
  return { type, shopperId: `wal-${tag}-${n % 3000}`, itemId: `P${(n * 7919) % COUNT}`, ts: base + n * 10, price: 9.99, quantity: type === 'purchase' ? 1 : undefined };
}

async function stream(dataDir: string, mode: WalCheckpointMode, events: number, rate: number, tag: string): Promise<Run> {
  const engine = new Engine({ dataDir, host: 'bench', walCheckpoints: mode, servingWorkers: 0 });
  const wal = join(dataDir, 'instinct.db-wal');
  try {
    if (engine.walCheckpointer && !(await engine.walCheckpointer.ready)) throw new Error('the background checkpointer did not start');
    let walMax = 0;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    let last = performance.now();
    let gapMax = 0;
    let gapsOver20 = 0;
    let gapsOver50 = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      gapMax = Math.max(gapMax, now - last);
      if (now - last > 20) gapsOver20 += 1;
      if (now - last > 50) gapsOver50 += 1;
      last = now;
    }, 1);
    let callMax = 0;
    let over20 = 0;
    const base = Date.now() - 3_600_000;
    const t0 = performance.now();
    loop.enable();
    for (let i = 0; i < events; i++) {
      const s = performance.now();
      await engine.dispatcher.call('events.ingest', { events: [event(i, tag, base)] });
      const ms = performance.now() - s;
      callMax = Math.max(callMax, ms);
      if (ms > 20) over20 += 1;
      if (i % 200 === 0) walMax = Math.max(walMax, existsSync(wal) ? statSync(wal).size : 0);
      const ahead = rate > 0 ? t0 + ((i + 1) * 1000) / rate - performance.now() : 0;
      // Paced: wait for the next event's time. Unpaced: a turn of the event loop now and then, as between requests from real clients.
      if (ahead >= 1) await new Promise((r) => setTimeout(r, ahead));
      else if (i % 200 === 0) await new Promise((r) => setImmediate(r));
    }
    const elapsed = performance.now() - t0;
    loop.disable();
    clearInterval(ticker);
    const stats = engine.walCheckpointer?.stats();
    return {
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      gapsOver20,
      gapsOver50,
      gapMaxMs: Math.max(gapMax, performance.now() - last),
      callMaxMs: callMax,
      callsOver20: over20,
      eventsPerS: events / (elapsed / 1000),
      walMaxMb: walMax / 2 ** 20,
      checkpoints: stats?.checkpoints ?? 0,
      finishes: stats?.finishes ?? 0,
      finishMsMax: stats?.finishMsMax ?? 0,
    };
  } finally {
    await engine.close();
  }
}

function sourceArg(args: readonly string[]): string | undefined {
  const i = args.indexOf('--source');
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(args: string[]): Promise<BenchFigures> {
  const rounds = numberArg(args, 'rounds', 2);
  const events = numberArg(args, 'events', 20_000);
  const rate = numberArg(args, 'rate', 1000);
  const source = sourceArg(args) ?? join(__dirname, `../.cache/bench/recommend-${COUNT}`);
  if (!existsSync(join(source, 'instinct.db'))) await prepareStore(source, COUNT);
  const dataDir = mkdtempSync(join(tmpdir(), 'instinct-wal-stall-'));
  // The source store is never written: the engines open a copy.
  cpSync(join(source, 'instinct.db'), join(dataDir, 'instinct.db'));
  const loadBefore = loadavg()[0] ?? 0;
  const runs: Record<WalCheckpointMode, Run[]> = { background: [], 'engine-thread': [] };
  try {
    for (let r = 0; r < rounds; r++) {
      // Alternating, on the same copy: the two modes see the same store and the same machine load.
      const order: WalCheckpointMode[] = r % 2 === 0 ? ['background', 'engine-thread'] : ['engine-thread', 'background'];
      for (const mode of order) runs[mode].push(await stream(dataDir, mode, events, rate, `${r}-${mode}`));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const figures: BenchFigures = { rounds, events_per_round: events, rate_per_s: rate };
  for (const mode of ['background', 'engine-thread'] as const) {
    const rs = runs[mode];
    const max = (f: (r: Run) => number): number => round(Math.max(...rs.map(f)), 1);
    const key = mode === 'background' ? 'background' : 'engine_thread';
    Object.assign(figures, {
      [`${key}_loop_delay_max_ms`]: max((r) => r.loopMaxMs),
      [`${key}_loop_delay_p99_ms_max`]: max((r) => r.loopP99Ms),
      [`${key}_tick_gap_max_ms`]: max((r) => r.gapMaxMs),
      [`${key}_tick_gaps_over_20ms`]: rs.reduce((s, r) => s + r.gapsOver20, 0),
      [`${key}_tick_gaps_over_50ms`]: rs.reduce((s, r) => s + r.gapsOver50, 0),
      [`${key}_ingest_call_max_ms`]: max((r) => r.callMaxMs),
      [`${key}_ingest_calls_over_20ms`]: rs.reduce((s, r) => s + r.callsOver20, 0),
      [`${key}_events_per_s_min`]: round(Math.min(...rs.map((r) => r.eventsPerS)), 0),
      [`${key}_wal_max_mb`]: max((r) => r.walMaxMb),
      [`${key}_checkpoints`]: rs.reduce((s, r) => s + r.checkpoints, 0),
      [`${key}_engine_thread_finishes`]: rs.reduce((s, r) => s + r.finishes, 0),
      [`${key}_engine_thread_finish_max_ms`]: max((r) => r.finishMsMax),
    });
  }
  return { ...figures, load_average_1m_before: round(loadBefore, 2), load_average_1m_after: round(loadavg()[0] ?? 0, 2) };
}
