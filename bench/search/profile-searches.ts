/**
 * One-off: a CPU profile of the engine's thread over the latency bench's measured searches.
 * npx tsx bench/search/profile-searches.ts <dataDir> <queries> <out.cpuprofile>
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { demoShopperId } from '../../src/main/engine/demo';
import { Engine } from '../../src/main/engine/engine';
import { benchQueries, dictionaryReady } from '../search';

async function main(): Promise<void> {
  const [dataDir, nArg, out] = process.argv.slice(2);
  const n = Number(nArg ?? 1000);
  const engine = new Engine({ dataDir: dataDir!, host: 'bench' });
  await engine.start({ embedMissing: false });
  try {
    await dictionaryReady(engine);
    await engine.servingWorkers();
    const { queries } = benchQueries(engine, n);
    const session = new Session();
    session.connect();
    const rows: { q: string; ms: number; facets: boolean }[] = [];
    for (let i = 0; i < queries.length; i++) {
      if (i === n) {
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 100 });
        await session.post('Profiler.start');
      }
      const facets = i % 4 === 0 ? { priceRanges: [{ min: 0, max: 100 }] } : undefined;
      const t = performance.now();
      await engine.dispatcher.call('search', { query: queries[i]!, shopperId: demoShopperId(1 + (((i % n) * 7) % 3000)), k: 20, ...(facets ? { facets } : {}) });
      if (i >= n) rows.push({ q: queries[i]!, ms: performance.now() - t, facets: facets !== undefined });
    }
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out!, JSON.stringify(profile));
    rows.sort((a, b) => b.ms - a.ms);
    const p = (x: number): number => rows[Math.floor((1 - x) * rows.length)]!.ms;
    console.log(JSON.stringify({ p50: p(0.5), p99: p(0.99) }));
    for (const r of rows.slice(0, 15)) console.log(JSON.stringify(r));
  } finally {
    await engine.close();
  }
}
void main();
