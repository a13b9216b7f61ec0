/**
 * One-off: a CPU profile of the engine's thread over the latency bench's measured searches.
 * npx tsx bench/search/profile-searches.ts <dataDir> <queries> <out.cpuprofile>
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { benchSearch } from '../search';
import { openSearchBench } from './open-search-bench';

async function main(): Promise<void> {
  const [dataDir, nArg, out] = process.argv.slice(2);
  const n = Number(nArg ?? 1000);
  const { engine, queries, close } = await openSearchBench(dataDir!, n);
  try {
    await engine.servingWorkers();
    const session = new Session();
    session.connect();
    const rows: { q: string; ms: number }[] = [];
    for (let i = 0; i < queries.length; i++) {
      if (i === n) {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 100 });
        await session.post('Profiler.start');
      }
      const t = performance.now();
      await benchSearch(engine, queries, i, n);
      if (i >= n) rows.push({ q: queries[i]!, ms: performance.now() - t });
    }
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out!, JSON.stringify(profile));
    rows.sort((a, b) => b.ms - a.ms);
    const p = (x: number): number => rows[Math.floor((1 - x) * rows.length)]!.ms;
    console.log(JSON.stringify({ p50: p(0.5), p99: p(0.99) }));
    for (const r of rows.slice(0, 15)) console.log(JSON.stringify(r));
  } finally {
    await close();
  }
}
void main();
