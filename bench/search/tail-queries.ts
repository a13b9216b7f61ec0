/**
 * One-off: which searches make the latency bench's tail, and is it the query or the moment?
 * Runs the measured searches once (as the bench), then the 20 slowest five more times each.
 * npx tsx bench/search/tail-queries.ts <dataDir> <queries>
 */
import { performance } from 'node:perf_hooks';
import { benchSearch } from '../search';
import { openSearchBench } from './open-search-bench';

async function main(): Promise<void> {
  const [dataDir, nArg] = process.argv.slice(2);
  const n = Number(nArg ?? 1000);
  const { engine, queries, close } = await openSearchBench(dataDir!, n);
  try {
    await engine.servingWorkers();
    const timed = async (i: number): Promise<number> => {
      const t = performance.now();
      await benchSearch(engine, queries, i, n);
      return performance.now() - t;
    };
    const rows: { i: number; ms: number }[] = [];
    for (let i = 0; i < queries.length; i++) {
      const ms = await timed(i);
      if (i >= n) rows.push({ i, ms });
    }
    const sorted = [...rows].sort((a, b) => b.ms - a.ms);
    const p = (x: number): number => sorted[Math.floor((1 - x) * sorted.length)]!.ms;
    console.log(JSON.stringify({ p50: p(0.5), p99: p(0.99) }));
    for (const r of sorted.slice(0, 20)) {
      const again: number[] = [];
      for (let j = 0; j < 5; j++) again.push(Math.round((await timed(r.i)) * 10) / 10);
      console.log(JSON.stringify({ q: queries[r.i], facets: r.i % 4 === 0, first: Math.round(r.ms * 10) / 10, again }));
    }
  } finally {
    await close();
  }
}
void main();
