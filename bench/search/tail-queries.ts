/**
 * One-off: which searches make the latency bench's tail, and is it the query or the moment?
 * Runs the measured searches once (as the bench), then the 20 slowest five more times each.
 * npx tsx bench/search/tail-queries.ts <dataDir> <queries>
 */
import { performance } from 'node:perf_hooks';
import { demoShopperId } from '../../src/main/engine/demo';
import { Engine } from '../../src/main/engine/engine';
import { benchQueries, dictionaryReady } from '../search';

async function main(): Promise<void> {
  const [dataDir, nArg] = process.argv.slice(2);
  const n = Number(nArg ?? 1000);
  const engine = new Engine({ dataDir: dataDir!, host: 'bench' });
  await engine.start({ embedMissing: false });
  try {
    await dictionaryReady(engine);
    await engine.servingWorkers();
    const { queries } = benchQueries(engine, n);
    const search = async (i: number): Promise<number> => {
      const facets = i % 4 === 0 ? { priceRanges: [{ min: 0, max: 100 }] } : undefined;
      const t = performance.now();
      const res = await engine.dispatcher.call('search', { query: queries[i]!, shopperId: demoShopperId(1 + (((i % n) * 7) % 3000)), k: 20, ...(facets ? { facets } : {}) });
      void res;
      return performance.now() - t;
    };
    const rows: { i: number; ms: number }[] = [];
    for (let i = 0; i < queries.length; i++) {
      const ms = await search(i);
      if (i >= n) rows.push({ i, ms });
    }
    const sorted = [...rows].sort((a, b) => b.ms - a.ms);
    const p = (x: number): number => sorted[Math.floor((1 - x) * sorted.length)]!.ms;
    console.log(JSON.stringify({ p50: p(0.5), p99: p(0.99) }));
    for (const r of sorted.slice(0, 20)) {
      const again: number[] = [];
      for (let j = 0; j < 5; j++) again.push(Math.round((await search(r.i)) * 10) / 10);
      console.log(JSON.stringify({ q: queries[r.i], facets: r.i % 4 === 0, first: Math.round(r.ms * 10) / 10, again }));
    }
  } finally {
    await engine.close();
  }
}
void main();
