/**
 * `npm run bench -- import [--json] [--rows N] [--files K]`: what an import costs the serving path.
 * On a store seeded with the demo data: recommend latency alone and while a CSV of N rows (default
 * 100k) is imported through `import.text`, the event loop's longest stall, then K (default 4) files
 * of N rows sent at once, with the process's resident memory before, at its peak, and after they end
 * (and the JS heap after a GC, which shows what the imports themselves still hold: nothing, once done;
 * resident memory also keeps SQLite's page cache and the allocator's high-water mark).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { seedDemoData } from '../src/main/cli/demo-seed';
import { Engine } from '../src/main/engine/engine';
import type { BenchFigures } from './main';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function eventsCsv(rows: number, prefix: string): string {
  const lines = ['id,type,shopper_id,item_id,ts'];
  const t0 = Date.now() - 30 * 86_400_000;
  for (let i = 0; i < rows; i++) lines.push(`${prefix}-${i},view,bench-u${i % 2000},P${String(i % 5000).padStart(5, '0')},${t0 + i * 1000}`);
  return `${lines.join('\n')}\n`;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);
}

const round = (x: number): number => Math.round(x * 10) / 10;
const rssMb = (): number => Math.round(process.memoryUsage().rss / 2 ** 20);
const heapMb = (): number => Math.round(process.memoryUsage().heapUsed / 2 ** 20);

/** Recommends back to back (each waits for the last), for as long as `during` runs or `ms` elapse. */
async function recommendLatencies(engine: Engine, shoppers: string[], until: Promise<unknown> | number): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  if (typeof until !== 'number') void until.finally(() => (done = true));
  const stopAt = typeof until === 'number' ? performance.now() + until : Infinity;
  for (let i = 0; !done && performance.now() < stopAt; i++) {
    const started = performance.now();
    await engine.dispatcher.call('recommend', { shopperId: shoppers[i % shoppers.length], k: 20 });
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 2));
  }
  return latencies.sort((a, b) => a - b);
}

export async function run(args: string[]): Promise<BenchFigures> {
  const rows = option(args, 'rows', 100_000);
  const files = option(args, 'files', 4);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'instinct-bench-import-'));
  const engine = new Engine({ dataDir: dir, host: 'bench', textModelDir: mkdtempSync(join(tmpdir(), 'instinct-no-model-')), encoderWorkers: 0 });
  try {
    seedDemoData(engine);
    engine.retrieval();
    const shoppers = engine.stats.sessions({ limit: 200 }).map((s) => s.shopperId);
    await recommendLatencies(engine, shoppers, 500);
    const alone = await recommendLatencies(engine, shoppers, 3000);

    const csv = eventsCsv(rows, 'one');
    let worstStall = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstStall = Math.max(worstStall, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    const importing = engine.dispatcher.call('import.text', { fileName: 'one.csv', format: 'csv', target: 'events', content: csv });
    const during = await recommendLatencies(engine, shoppers, importing);
    const report = await importing;
    const importSeconds = (performance.now() - started) / 1000;
    clearInterval(ticker);
    worstStall = Math.max(worstStall, performance.now() - last);

    gc();
    const rssBefore = rssMb();
    const heapBefore = heapMb();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 50);
    const batch = Array.from({ length: files }, (_, k) => engine.dispatcher.call('import.text', { fileName: `f${k}.csv`, format: 'csv', target: 'events', content: eventsCsv(rows, `f${k}`) }));
    const reports = await Promise.allSettled(batch);
    clearInterval(sampler);
    gc();
    await new Promise((r) => setTimeout(r, 200));
    gc();
    return {
      rows,
      stored: report.stored,
      import_seconds: round(importSeconds),
      import_rows_per_s: Math.round(rows / importSeconds),
      recommend_p50_ms_alone: round(quantile(alone, 0.5)),
      recommend_p99_ms_alone: round(quantile(alone, 0.99)),
      recommend_calls_during_import: during.length,
      recommend_p50_ms_during_import: round(quantile(during, 0.5)),
      recommend_p99_ms_during_import: round(quantile(during, 0.99)),
      recommend_max_ms_during_import: round(during.at(-1) ?? 0),
      event_loop_max_stall_ms: round(worstStall),
      concurrent_files: files,
      concurrent_files_stored: reports.filter((r) => r.status === 'fulfilled').length,
      rss_mb_before_concurrent: rssBefore,
      rss_mb_peak_concurrent: rssPeak,
      rss_mb_after_concurrent: rssMb(),
      heap_mb_before_concurrent: heapBefore,
      heap_mb_after_concurrent: heapMb(),
    };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
