/**
 * Serving under concurrent load: `npm run bench -- serve --json [--workers N] [--seconds S]`.
 *
 * The 100k-item bench store of bench/recommend.ts (built once, then copied for each run so the
 * jobs' writes never change it), opened by two engines side by side: one ranking every list on its
 * own thread (`servingWorkers: 0`) and one with serving workers (the default for this machine, or
 * --workers), each behind its HTTP server on 127.0.0.1. Closed-loop keep-alive clients run on their
 * own thread (bench/serve/http-load.ts). Three rounds of: sequential in-process recommends through
 * the dispatcher on the first engine (the baseline), 8 clients on the first, 8 clients on the
 * second; then 32 clients on each; then, on the second, 8 clients alone and during an import, an
 * embedding job and a fine-tune job. `recommend_http_over_inprocess_rps` is the median over rounds
 * of the second engine's 8-client rate over the in-process rate just before it (above 1 only when
 * more than one core serves); `recommend_p99_ratio_during_jobs_max` is the worst job's p99 over the
 * p99 of a window alone just before that job. `recommend_http_over_inprocess_rps_cpu_bound` is the most
 * that ratio could be with the CPU an HTTP request took (every thread of the process, the load
 * generator's included) if every core were busy all the time. BENCHMARKS.md "Serving" has the dated runs.
 */
import Database from 'better-sqlite3';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { demoShopperId } from '../src/main/engine/demo';
import { Engine } from '../src/main/engine/engine';
import { startHttpServer, type RunningServer } from '../src/main/engine/server/http-server';
import { defaultServingWorkers } from '../src/main/engine/serving/serving-setup';
import type { BenchFigures } from './main';
import { median } from './bench-util';
import { prepareStore } from './recommend';
import { importText, startEmbedding, startFineTune, startImport, type RunningJob } from './serve/background-jobs';
import { breakdown } from './serve/breakdown';
import { figuresOf, loadOnThread, type LoadFigures } from './serve/load-thread';
import { cpuPerRequest, cpuSample } from './serve/thread-cpu';

const COUNT = 100_000;
const K = 20;
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;
/** The tests' fine-tune model: seconds per epoch, the job's own threads and data reading all real. */
const SMALL_FINE_TUNE = { modelConfig: { dim: 16, blocks: 1, maxLen: 20 }, trainingConfig: { batchSize: 32, validationUsers: 50, patience: 5 }, members: 2 };

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

interface Served {
  engine: Engine;
  server: RunningServer;
}

async function serve(dataDir: string, servingWorkers: number): Promise<Served> {
  const engine = new Engine({ dataDir, host: 'bench', servingWorkers, fineTune: SMALL_FINE_TUNE });
  await engine.start({ embedMissing: false });
  await engine.servingWorkers();
  return { engine, server: await startHttpServer(engine, { maxConnections: 512 }) };
}

async function close(s: Served): Promise<void> {
  await s.server.close();
  await s.engine.close();
}

/** Each shopper's first list loads their state from the store: done once, before anything is timed. */
async function warm(engine: Engine, shoppers: readonly string[]): Promise<void> {
  for (const shopperId of shoppers) await engine.dispatcher.call('recommend', { shopperId, k: K });
}

type Window = LoadFigures & { loopP99: number; cpuMain: number; cpuTotal: number; latencies: Float64Array; elapsedMs: number };

const ROUNDS = 3;

/** Several windows as one: every latency, the summed time, CPU per request weighted by requests. */
function merged(windows: readonly Window[]): Window {
  const latencies = Float64Array.from(windows.flatMap((w) => [...w.latencies]));
  const elapsedMs = windows.reduce((s, w) => s + w.elapsedMs, 0);
  const requests = latencies.length;
  const weighted = (f: (w: Window) => number): number => windows.reduce((s, w) => s + f(w) * w.requests, 0) / Math.max(1, requests);
  return { ...figuresOf({ latencies, errors: windows.reduce((s, w) => s + w.errors, 0), elapsedMs }), loopP99: Math.max(...windows.map((w) => w.loopP99)), cpuMain: weighted((w) => w.cpuMain), cpuTotal: weighted((w) => w.cpuTotal), latencies, elapsedMs };
}

async function load(s: Served, shoppers: readonly string[], clients: number, seconds: number, seed: number): Promise<Window> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const before = cpuSample();
  const result = await loadOnThread({ port: s.server.port, token: s.server.token, clients, durationMs: seconds * 1000, shoppers, k: K, seed });
  const cpu = cpuPerRequest(before, cpuSample(), result.latencies.length);
  loop.disable();
  return { ...figuresOf(result), loopP99: loop.percentile(99) / 1e6, cpuMain: cpu.main, cpuTotal: cpu.total, latencies: result.latencies, elapsedMs: result.elapsedMs };
}

/**
 * The most the 8-client ratio could be on this machine with the CPU a request took: every core busy
 * all the time (the load generator's thread included, as it shares the cores), over the in-process rate.
 */
function cpuBound(cpuMsPerRequest: number, inProcessRps: number): number {
  return (availableParallelism() * 1000) / cpuMsPerRequest / inProcessRps;
}

/** What each list logged during the run takes in the impressions table (its items and features columns), on average. */
function storedListBytes(file: string): BenchFigures {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS n, avg(length(items)) AS items, avg(coalesce(length(features), 0)) AS features FROM impressions').get() as { n: number; items: number | null; features: number | null };
    return { impressions_logged: row.n, impression_items_bytes: Math.round(row.items ?? 0), impression_features_bytes: Math.round(row.features ?? 0) };
  } finally {
    db.close();
  }
}

async function inProcess(engine: Engine, shoppers: readonly string[], seconds: number): Promise<{ rps: number; p50: number }> {
  const times: number[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < seconds * 1000; i++) {
    const t = performance.now();
    await engine.dispatcher.call('recommend', { shopperId: shoppers[(i * 7919) % shoppers.length] as string, k: K });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { rps: (times.length / (performance.now() - t0)) * 1000, p50: times[Math.floor(times.length / 2)] ?? NaN };
}

export async function run(args: string[]): Promise<BenchFigures> {
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only) return runJobsOnly(args, only.split(','));
  const workers = arg(args, 'workers', defaultServingWorkers());
  const seconds = arg(args, 'seconds', 8);
  const source = join(__dirname, `../.cache/bench/recommend-${COUNT}`);
  if (!existsSync(join(source, 'instinct.db'))) await prepareStore(source, COUNT);
  const dataDir = join(__dirname, `../.cache/bench/serve-${COUNT}`);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(source, dataDir, { recursive: true });
  const shoppers = Array.from({ length: 1000 }, (_, i) => demoShopperId(1 + ((i * 3) % 3000)));
  const importContent = importText(COUNT, 6000, String(Date.now()));
  const loadBefore = loadavg()[0] ?? 0;
  const figures: BenchFigures = { catalogue_items: COUNT, serving_workers: workers, seconds_per_window: seconds };

  // Both engines on the same store, each with its server; their windows alternate, so the other
  // tenants' load (which drifts by the minute on a shared machine) weighs on both sides alike.
  const single = await serve(dataDir, 0);
  const multi = await serve(dataDir, workers);
  let singleOpen = true;
  try {
    const state = await multi.engine.servingWorkers();
    await warm(single.engine, shoppers);
    await warm(multi.engine, shoppers);
    await load(multi, shoppers, 8, 2, 3);
    Object.assign(figures, breakdown(single.engine, shoppers, 300));
    const base: { rps: number; p50: number }[] = [];
    const s8: Window[] = [];
    const m8: Window[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      base.push(await inProcess(single.engine, shoppers, seconds / 2));
      s8.push(await load(single, shoppers, 8, seconds / 2, 100 + r));
      m8.push(await load(multi, shoppers, 8, seconds / 2, 200 + r));
    }
    const s32 = await load(single, shoppers, 32, seconds / 2, 2);
    const m32 = await load(multi, shoppers, 32, seconds, 5);
    await close(single);
    singleOpen = false;
    const baseRps = median(base.map((b) => b.rps));
    const single8 = merged(s8);
    const multi8 = merged(m8);
    Object.assign(figures, {
      recommend_inprocess_rps: round(baseRps, 1),
      recommend_inprocess_p50_ms: round(median(base.map((b) => b.p50))),
      single_thread_rps_8_clients: round(single8.rps, 1),
      single_thread_p99_ms_8_clients: round(single8.p99),
      single_thread_p99_ms_32_clients: round(s32.p99),
      single_thread_cpu_ms_per_request_engine_thread: round(single8.cpuMain, 3),
      single_thread_cpu_ms_per_request_all_threads: round(single8.cpuTotal, 3),
      recommend_rps_8_clients: round(multi8.rps, 1),
      recommend_p50_ms_8_clients: round(multi8.p50),
      recommend_p99_ms_8_clients: round(multi8.p99),
      recommend_rps_32_clients: round(m32.rps, 1),
      recommend_p99_ms_32_clients: round(m32.p99),
      recommend_max_ms_32_clients: round(m32.max),
      recommend_http_over_inprocess_rps: round(median(m8.map((m, i) => m.rps / (base[i]?.rps ?? NaN))), 3),
      recommend_http_over_inprocess_rps_cpu_bound: round(cpuBound(multi8.cpuTotal, baseRps), 3),
      event_loop_delay_p99_ms_alone: round(multi8.loopP99),
      cpu_ms_per_request_engine_thread: round(multi8.cpuMain, 3),
      cpu_ms_per_request_all_threads: round(multi8.cpuTotal, 3),
      worker_memory_mb: state.memoryPerWorkerMb === null ? 'n/a' : Math.round(state.memoryPerWorkerMb),
      worker_heap_mb: Math.round(Math.max(0, ...state.replicas.map((r) => r.heapMb + r.externalMb))),
      replica_load_s: round(Math.max(0, ...state.replicas.map((r) => r.loadMs)) / 1000),
    });
    const jobs: [string, () => Promise<RunningJob>][] = [
      ['import', () => startImport(multi.engine, importContent)],
      ['embedding', () => startEmbedding(multi.engine)],
      ['finetune', () => startFineTune(multi.engine)],
    ];
    const worst = await jobWindows(multi, shoppers, seconds, jobs, figures);
    const served = (await multi.engine.servingWorkers()).served;
    Object.assign(figures, {
      recommend_p99_ratio_during_jobs_max: round(worst, 3),
      lists_ranked_by_workers_share: round(served.byWorkers / Math.max(1, served.byWorkers + served.onEngineThread), 4),
      ...storedListBytes(join(dataDir, 'instinct.db')),
    });
  } finally {
    if (singleOpen) await close(single);
    await close(multi);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...figures, load_average_1m_before: round(loadBefore), load_average_1m_after: round(loadavg()[0] ?? 0), rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20) };
}

/**
 * Each job's window: a window alone just before it (other tenants' load drifts), then one while
 * it runs. Records the figures of each; returns the worst p99 ratio (during over alone).
 */
async function jobWindows(multi: Served, shoppers: readonly string[], seconds: number, jobs: readonly [string, () => Promise<RunningJob>][], figures: BenchFigures): Promise<number> {
  let worst = 0;
  for (const [index, [name, start]] of jobs.entries()) {
    const alone = await load(multi, shoppers, 8, seconds / 2, 10 + index);
    const job = await start();
    const during = await load(multi, shoppers, 8, seconds, 20 + index);
    const done = await job.stop();
    const ratio = during.p99 / alone.p99;
    worst = Math.max(worst, ratio);
    Object.assign(figures, {
      [`recommend_p99_ms_before_${name}`]: round(alone.p99),
      [`recommend_p99_ms_during_${name}`]: round(during.p99),
      [`recommend_rps_during_${name}`]: round(during.rps, 1),
      [`recommend_max_ms_during_${name}`]: round(during.max),
      [`${name}_start_stall_ms`]: job.startStallMs,
      [`event_loop_delay_p99_ms_during_${name}`]: round(during.loopP99),
      [`${name}_in_window`]: done,
    });
    // Let the machine settle (pools closing, checkpoints) before the next window.
    await new Promise((r) => setTimeout(r, 2000));
  }
  return worst;
}

/**
 * `--only=import` (or embedding, finetune; comma-separated): the engine with serving workers only,
 * and only those jobs' windows, `--rounds N` times (default 1), on a copy of its own of the bench
 * store (or of `--source DIR`).
 */
async function runJobsOnly(args: string[], only: readonly string[]): Promise<BenchFigures> {
  const workers = arg(args, 'workers', defaultServingWorkers());
  const seconds = arg(args, 'seconds', 8);
  const rounds = arg(args, 'rounds', 1);
  const sourceAt = args.indexOf('--source');
  const source = sourceAt >= 0 && args[sourceAt + 1] ? (args[sourceAt + 1] as string) : join(__dirname, `../.cache/bench/recommend-${COUNT}`);
  if (!existsSync(join(source, 'instinct.db'))) await prepareStore(source, COUNT);
  const dataDir = join(__dirname, `../.cache/bench/serve-${COUNT}-only-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(source, dataDir, { recursive: true });
  const shoppers = Array.from({ length: 1000 }, (_, i) => demoShopperId(1 + ((i * 3) % 3000)));
  const loadBefore = loadavg()[0] ?? 0;
  const figures: BenchFigures = { catalogue_items: COUNT, serving_workers: workers, seconds_per_window: seconds, only: only.join(','), rounds };
  const multi = await serve(dataDir, workers);
  try {
    await multi.engine.servingWorkers();
    await warm(multi.engine, shoppers);
    await load(multi, shoppers, 8, 2, 3);
    const ratios: Record<string, number[]> = {};
    for (let r = 0; r < rounds; r++) {
      const importContent = importText(COUNT, 6000, `${Date.now()}-${r}`);
      const all: [string, () => Promise<RunningJob>][] = [
        ['import', () => startImport(multi.engine, importContent)],
        ['embedding', () => startEmbedding(multi.engine)],
        ['finetune', () => startFineTune(multi.engine)],
      ];
      const windows: BenchFigures = {};
      await jobWindows(multi, shoppers, seconds, all.filter(([name]) => only.includes(name)), windows);
      for (const name of only) (ratios[name] ??= []).push(Number(windows[`recommend_p99_ms_during_${name}`]) / Number(windows[`recommend_p99_ms_before_${name}`]));
      Object.assign(figures, r === 0 ? windows : Object.fromEntries(Object.entries(windows).map(([k, v]) => [`${k}_r${r + 1}`, v])));
    }
    for (const [name, rs] of Object.entries(ratios)) {
      Object.assign(figures, { [`recommend_p99_ratio_during_${name}_median`]: Math.round(median(rs) * 1000) / 1000, [`recommend_p99_ratio_during_${name}_max`]: Math.round(Math.max(...rs) * 1000) / 1000 });
    }
  } finally {
    await close(multi);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { ...figures, load_average_1m_before: round(loadBefore), load_average_1m_after: round(loadavg()[0] ?? 0) };
}
