/**
 * What an import costs the engine's own thread, with no request load: `npm run bench -- import-stall
 * --json [--rounds N] [--source DIR]`. The serve bench's 100k-item store (or DIR) is copied to a
 * scratch folder and opened by one engine with its default serving workers; each round measures the
 * event loop for 2 s alone, then while the serve bench's import (new shoppers' events as JSONL,
 * import.text) runs to its end: event-loop delay p99 and max (1 ms resolution), the longest gap
 * between 1 ms ticks, garbage-collection pauses on the engine's thread (PerformanceObserver only
 * sees this thread's), and the CPU time of the engine's thread and of the whole process.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver, constants } from 'node:perf_hooks';
import { Engine } from '../src/main/engine/engine';
import { numberArg, round } from './bench-util';
import type { BenchFigures } from './main';
import { prepareStore } from './recommend';
import { importText } from './serve/background-jobs';
import { cpuSample } from './serve/thread-cpu';

const COUNT = 100_000;

interface Window {
  loopP99: number;
  loopMax: number;
  gapMax: number;
  gcMax: number;
  gcTotal: number;
  gcMajor: number;
  cpuMainMs: number;
  cpuAllMs: number;
  ms: number;
  walMaxMb: number;
}

/** Watches the engine's thread while `work` runs. */
async function watch(wal: string, work: () => Promise<unknown>): Promise<Window> {
  let walMax = 0;
  const walSampler = setInterval(() => {
    try {
      walMax = Math.max(walMax, statSync(wal).size);
    } catch {
      // no WAL file at this moment
    }
  }, 50);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const pauses: { ms: number; major: boolean }[] = [];
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ ms: e.duration, major: (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR });
  });
  gc.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let gapMax = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    gapMax = Math.max(gapMax, now - last);
    last = now;
  }, 1);
  const cpu0 = cpuSample();
  const t0 = performance.now();
  loop.enable();
  try {
    await work();
  } finally {
    loop.disable();
    clearInterval(ticker);
    clearInterval(walSampler);
    gc.disconnect();
  }
  const ms = performance.now() - t0;
  const cpu1 = cpuSample();
  return {
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
    gapMax: Math.max(gapMax, performance.now() - last),
    gcMax: Math.max(0, ...pauses.map((p) => p.ms)),
    gcTotal: pauses.reduce((s, p) => s + p.ms, 0),
    gcMajor: pauses.filter((p) => p.major).length,
    cpuMainMs: cpu0 && cpu1 ? cpu1.mainMs - cpu0.mainMs : NaN,
    cpuAllMs: cpu0 && cpu1 ? cpu1.totalMs - cpu0.totalMs : NaN,
    ms,
    walMaxMb: walMax / 2 ** 20,
  };
}

function sourceArg(args: readonly string[]): string | undefined {
  const i = args.indexOf('--source');
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(args: string[]): Promise<BenchFigures> {
  const rounds = numberArg(args, 'rounds', 2);
  const source = sourceArg(args) ?? join(__dirname, `../.cache/bench/recommend-${COUNT}`);
  if (!existsSync(join(source, 'instinct.db'))) await prepareStore(source, COUNT);
  const dataDir = mkdtempSync(join(tmpdir(), 'instinct-import-stall-'));
  cpSync(source, dataDir, { recursive: true });
  const loadBefore = loadavg()[0] ?? 0;
  const figures: BenchFigures = {};
  const engine = new Engine({ dataDir, host: 'bench' });
  const wal = join(dataDir, 'instinct.db-wal');
  const walMode = args.find((a) => a.startsWith('--wal='))?.slice(6);
  // Who checkpoints during imports (engine.imports.walCheckpoints), where this engine has the choice.
  if (walMode === 'import-worker' || walMode === 'engine-thread') Object.assign(engine.imports, { walCheckpoints: walMode });
  try {
    await engine.start({ embedMissing: false });
    await engine.servingWorkers();
    const alone: Window[] = [];
    const during: Window[] = [];
    let rows = 0;
    let stored = 0;
    for (let r = 0; r < rounds; r++) {
      alone.push(await watch(wal, () => new Promise((done) => setTimeout(done, 2000))));
      const content = importText(COUNT, 6000, `${Date.now()}-${r}`);
      rows = content.split('\n').length;
      during.push(
        await watch(wal, async () => {
          const report = await engine.dispatcher.call('import.text', { fileName: 'stall.jsonl', format: 'jsonl', target: 'events', content });
          stored += report.stored;
        }),
      );
      await new Promise((done) => setTimeout(done, 1000));
    }
    const worst = (ws: Window[], f: (w: Window) => number): number => round(Math.max(...ws.map(f)), 1);
    const median = (ws: Window[], f: (w: Window) => number): number => round([...ws.map(f)].sort((a, b) => a - b)[Math.floor(ws.length / 2)] ?? NaN, 1);
    Object.assign(figures, {
      rounds,
      rows_per_import: rows,
      stored_per_import: Math.round(stored / rounds),
      import_seconds_median: median(during, (w) => w.ms / 1000),
      loop_p99_ms_alone_max: worst(alone, (w) => w.loopP99),
      loop_p99_ms_during_import_median: median(during, (w) => w.loopP99),
      loop_p99_ms_during_import_max: worst(during, (w) => w.loopP99),
      loop_max_ms_during_import_max: worst(during, (w) => w.loopMax),
      tick_gap_max_ms_during_import: worst(during, (w) => w.gapMax),
      gc_pause_max_ms_during_import: worst(during, (w) => w.gcMax),
      gc_pause_total_ms_during_import_median: median(during, (w) => w.gcTotal),
      gc_major_during_import_median: median(during, (w) => w.gcMajor),
      cpu_ms_engine_thread_per_import_median: median(during, (w) => w.cpuMainMs),
      cpu_ms_all_threads_per_import_median: median(during, (w) => w.cpuAllMs),
      wal_max_mb_during_import: worst(during, (w) => w.walMaxMb),
      wal_checkpoints: walMode ?? 'default',
    });
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...figures, load_average_1m_before: round(loadBefore, 2), load_average_1m_after: round(loadavg()[0] ?? 0, 2) };
}
