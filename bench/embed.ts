/**
 * Text encoder throughput and query latency: `npm run bench -- embed --json [--limit N]
 * [--batch N] [--threads N] [--workers N] [--spin] [--items PATH]`. Embeds the titles of the
 * Amazon Beauty items (read at run time from ../shared/datasets, never copied) with the fp32 and
 * int8 models in the same run, both on the worker pool the catalogue job uses (the headline
 * figures; --workers, default one per core) and in-process (`*_inprocess_*`; --threads is its
 * intra-op thread count), then times single-query embeddings on the in-process int8 model.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ItemEmbedder } from '../src/main/engine/inference/embedding-job';
import { defaultEncoderWorkers, startEncoderPool, type BulkEncoder } from '../src/main/engine/inference/encoder-pool';
import { SentenceEncoder, type EncoderVariant } from '../src/main/engine/inference/sentence-encoder';
import { numberArg } from './bench-util';

type Figures = Record<string, number | string | boolean>;

function readTitles(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[2]?.trim() ?? '')
    .filter((t) => t.length > 0);
}

/** Deterministic shuffle so --limit takes a fair sample, not the file's first brand run. */
function sample<T>(xs: T[], n: number): T[] {
  const out = [...xs];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.slice(0, n);
}

const quietLog = { info: () => undefined, warn: (m: string) => console.warn(m) };

async function load(variant: EncoderVariant, batch: number, threads: number, spinWait: boolean): Promise<SentenceEncoder> {
  return SentenceEncoder.load({
    variant,
    providers: ['cpu'],
    tuning: { intraOpThreads: threads, spinWait },
    batching: { maxBatchSize: batch, maxTokensPerBatch: batch * 128 },
    log: quietLog,
  });
}

/** How the product embeds a catalogue: the worker pool (one single-threaded session per worker). */
async function loadPool(variant: EncoderVariant, batch: number, workers: number, spinWait: boolean): Promise<BulkEncoder> {
  return startEncoderPool({
    variant,
    providers: ['cpu'],
    workers,
    tuning: { spinWait },
    batching: { maxBatchSize: batch, maxTokensPerBatch: batch * 128 },
    log: quietLog,
  });
}

interface Rate {
  wall: number;
  /** Items per second of this process's CPU time: what the rate would be with the cores to
   * ourselves, since the build machines are shared and wall-clock figures swing with others' load.
   * process.cpuUsage() is getrusage(RUSAGE_SELF): it counts the pool's worker threads too. */
  cpu: number;
  /** Longest stall of this thread's event loop meanwhile: what a recommend request would wait. */
  loopDelayMs: number;
}

async function measure(enc: ItemEmbedder, titles: string[]): Promise<Rate> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await enc.embed(titles);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  delay.disable();
  return { wall: titles.length / wall, cpu: titles.length / ((c.user + c.system) / 1e6), loopDelayMs: delay.max / 1e6 };
}

const NONE: Rate = { wall: 0, cpu: 0, loopDelayMs: 0 };
/** Best throughput of the rounds; the loop delay is the worst seen. */
const best = (a: Rate, b: Rate): Rate => ({
  wall: Math.max(a.wall, b.wall),
  cpu: Math.max(a.cpu, b.cpu),
  loopDelayMs: Math.max(a.loopDelayMs, b.loopDelayMs),
});

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** One way of embedding's figures, fp32 and int8 side by side; `suffix` names the way ('' = the pool). */
function rateFigures(suffix: string, fp32: Rate, int8: Rate): Figures {
  return {
    [`embed_fp32${suffix}_items_per_s`]: round(fp32.wall),
    [`embed_int8${suffix}_items_per_s`]: round(int8.wall),
    [`embed_int8_over_fp32${suffix}`]: round(int8.wall / fp32.wall, 2),
    [`embed_fp32${suffix}_items_per_cpu_s`]: round(fp32.cpu),
    [`embed_int8${suffix}_items_per_cpu_s`]: round(int8.cpu),
    [`embed_int8_over_fp32${suffix}_cpu`]: round(int8.cpu / fp32.cpu, 2),
    [`embed_int8${suffix}_loop_delay_max_ms`]: round(int8.loopDelayMs, 1),
  };
}

export async function run(args: string[]): Promise<Figures> {
  const itemsFlag = args.indexOf('--items');
  const itemsPath =
    (itemsFlag >= 0 ? args[itemsFlag + 1] : undefined) ??
    join(__dirname, '../../shared/datasets/amazon-beauty-2014/items.tsv');
  const limit = numberArg(args, 'limit', 2000);
  const batch = numberArg(args, 'batch', 16);
  const threads = numberArg(args, 'threads', 0);
  const queries = numberArg(args, 'queries', 1000);
  const spinWait = args.includes('--spin');
  const all = readTitles(itemsPath);
  const titles = sample(all, Math.min(limit, all.length));

  const rounds = numberArg(args, 'rounds', 3);
  const workers = numberArg(args, 'workers', defaultEncoderWorkers());
  const fp32 = await load('fp32', batch, threads, spinWait);
  const int8 = await load('int8', batch, threads, spinWait);
  const fp32Pool = await loadPool('fp32', batch, workers, spinWait);
  const int8Pool = await loadPool('int8', batch, workers, spinWait);
  for (const enc of [fp32, int8, fp32Pool, int8Pool]) await enc.embed(titles.slice(0, 4 * batch)); // warm-up
  // The build machines are shared: alternate the variants (pool and in-process) and keep each
  // one's best round, so a burst of someone else's load does not land on one of them only.
  const bestOf = { fp32: NONE, int8: NONE, fp32Pool: NONE, int8Pool: NONE };
  for (let r = 0; r < rounds; r++) {
    bestOf.fp32Pool = best(bestOf.fp32Pool, await measure(fp32Pool, titles));
    bestOf.int8Pool = best(bestOf.int8Pool, await measure(int8Pool, titles));
    bestOf.fp32 = best(bestOf.fp32, await measure(fp32, titles));
    bestOf.int8 = best(bestOf.int8, await measure(int8, titles));
  }
  const poolWorkers = int8Pool.workers;
  await Promise.all([fp32.dispose(), fp32Pool.dispose(), int8Pool.dispose()]);

  // Search queries are a few words: the first 2-5 words of other titles stand in for them.
  const qs = sample(all, queries).map((t, i) => t.split(/\s+/).slice(0, 2 + (i % 4)).join(' '));
  for (const q of qs.slice(0, 50)) await int8.embedQuery(q);
  const times: number[] = [];
  for (const q of qs) {
    const t0 = performance.now();
    await int8.embedQuery(q);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const provider = int8.provider;
  await int8.dispose();
  const loadAverage = os.loadavg()[0] ?? 0;

  return {
    embed_items: titles.length,
    embed_batch: batch,
    embed_intra_op_threads: threads,
    embed_spin_wait: spinWait,
    embed_provider: provider,
    embed_rounds: rounds,
    embed_workers: poolWorkers,
    ...rateFigures('', bestOf.fp32Pool, bestOf.int8Pool),
    ...rateFigures('_inprocess', bestOf.fp32, bestOf.int8),
    query_embed_p50_ms: round(pct(0.5), 2),
    query_embed_p99_ms: round(pct(0.99), 2),
    load_average_1m: round(loadAverage, 2),
  };
}
