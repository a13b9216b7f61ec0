/**
 * A/B for docs/SEARCH.md: the keyword half of a search and its facets with FTS5 computing bm25() for
 * every matched row (`fts5`, `LexicalSearch(..., { postings: false })`) and with very common words'
 * posting lists in memory (`memory`, `KeywordPostings`), in one process on the 100k bench store, both
 * arms on every query (order alternating), results compared with `isDeepStrictEqual`.
 * The latency bench's queries (bench/search.ts `benchQueries`), every fourth with the bench's price
 * facet (0-100); the first `queries` run unmeasured through both arms, one turn of the event loop
 * after each (the memory arm loads the lists those queries asked for in such turns: `loads`, and the
 * event loop's longest stall meanwhile). Stages per query, the fastest of `--repeat` runs: keyword
 * top-200 (`fusionDepth(DEPTH.search)`, the plan's passes as the engine runs them) and facets (the
 * matched set read and counted, `MatchedFacets`); CPU time of each arm over the measured queries.
 * Run: npx tsx bench/search/keyword-postings-ab.ts [dataDir] [queries] [--repeat R]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { MatchedFacets, type SearchFilters } from '../../src/main/engine/retrieval';
import { fusionDepth } from '../../src/main/engine/retrieval/hybrid-search';
import { LexicalSearch } from '../../src/main/engine/retrieval/lexical-search';
import { DEPTH } from '../../src/main/engine/recommend/recommend-candidates';
import { FACET_LIMIT } from '../../src/main/engine/recommend/recommend-service';
import { percentile, round } from '../bench-util';
import { openSearchBench } from './open-search-bench';

const ARMS = ['fts5', 'memory'] as const;
type Arm = (typeof ARMS)[number];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const ri = args.indexOf('--repeat');
  const repeat = ri >= 0 ? Math.max(1, Number(args.splice(ri, 2)[1])) : 3;
  const dataDir = args[0] ?? join(__dirname, '../../.cache/bench/recommend-100000');
  const n = Number(args[1] ?? 400);
  const { engine, queries, close } = await openSearchBench(dataDir, n);
  try {
    const db = new Database(join(dataDir, 'instinct.db'), { readonly: true });
    const make = (postings: boolean): { lexical: LexicalSearch; facets: MatchedFacets } => ({
      lexical: new LexicalSearch(db, engine.items, { postings }),
      facets: new MatchedFacets(new LexicalSearch(db, engine.items, { postings }), engine.items),
    });
    const arms: Record<Arm, ReturnType<typeof make>> = { fts5: make(false), memory: make(true) };
    const depth = fusionDepth(DEPTH.search);
    const filterOf = (i: number): SearchFilters | undefined => (i % 4 === 0 ? { facets: { priceRanges: [{ min: 0, max: 100 }] } } : undefined);
    const times = { fts5: { keyword: [] as number[], facets: [] as number[] }, memory: { keyword: [] as number[], facets: [] as number[] } };
    const cpu = { fts5: 0, memory: 0 };
    const rows: { q: string; filtered: boolean; fts5: number; memory: number }[] = [];
    let differences = 0;
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    let warmupStallMs = 0;
    const warmFigures: Record<string, number | string> = {};
    for (let i = 0; i < queries.length; i++) {
      if (i === n) {
        warmupStallMs = loop.max / 1e6;
        loop.reset();
        const warm = arms.memory.lexical.postingLists?.stats;
        if (warm !== undefined) for (const [k, v] of Object.entries(warm)) warmFigures[`warmup_postings_${k}`] = typeof v === 'number' ? round(v) : v;
      }
      const q = queries[i]!;
      const filters = filterOf(i);
      const plan = engine.searchVocabulary.rewrite(q);
      const out: Record<string, unknown> = {};
      const ms: Record<string, number> = {};
      for (const arm of i % 2 === 0 ? ARMS : ([...ARMS].reverse() as Arm[])) {
        const { lexical, facets } = arms[arm];
        const c0 = process.cpuUsage();
        const best = <T>(f: () => T): [T, number] => {
          let r: T | undefined;
          let b = Infinity;
          for (let j = 0; j < repeat; j++) {
            const t = performance.now();
            r = f();
            b = Math.min(b, performance.now() - t);
          }
          return [r!, b];
        };
        const [hits, keywordMs] = best(() => lexical.search(q, depth, filters, false, plan));
        const [counts, facetsMs] = best(() => facets.count(plan, filters, FACET_LIMIT, []));
        const used = process.cpuUsage(c0);
        out[arm] = { hits, counts };
        ms[arm] = keywordMs + facetsMs;
        if (i >= n) {
          cpu[arm] += (used.user + used.system) / 1000 / repeat;
          times[arm].keyword.push(keywordMs);
          times[arm].facets.push(facetsMs);
        }
      }
      if (!isDeepStrictEqual(out.fts5, out.memory)) differences++;
      if (i >= n) rows.push({ q, filtered: filters !== undefined, fts5: ms.fts5!, memory: ms.memory! });
      // Turns for the lists the memory arm scheduled (during the warm-up, until every one is loaded).
      do await new Promise((r) => setImmediate(r));
      while (i < n && (arms.memory.lexical.postingLists?.stats.pending ?? 0) > 0);
    }
    loop.disable();
    const figures: Record<string, number | string> = { repeat, measured: rows.length, differences };
    for (const arm of ARMS) {
      for (const stage of ['keyword', 'facets'] as const) {
        const ts = times[arm][stage];
        figures[`${arm}_${stage}_p50_ms`] = round(percentile(ts, 0.5));
        figures[`${arm}_${stage}_p99_ms`] = round(percentile(ts, 0.99));
        figures[`${arm}_${stage}_mean_ms`] = round(ts.reduce((a, b) => a + b, 0) / ts.length);
      }
      const tot = rows.map((r) => r[arm]);
      figures[`${arm}_total_p99_ms`] = round(percentile(tot, 0.99));
      figures[`${arm}_total_max_ms`] = round(Math.max(...tot));
      figures[`${arm}_cpu_ms_per_query`] = round(cpu[arm] / rows.length);
    }
    const stats = arms.memory.lexical.postingLists?.stats;
    if (stats !== undefined) for (const [k, v] of Object.entries(stats)) figures[`postings_${k}`] = typeof v === 'number' ? round(v) : v;
    Object.assign(figures, warmFigures);
    figures.warmup_loop_max_stall_ms = round(warmupStallMs);
    figures.measured_loop_max_stall_ms = round(loop.max / 1e6);
    console.log(JSON.stringify(figures));
    for (const r of [...rows].sort((a, b) => b.fts5 - a.fts5).slice(0, 12)) console.log(JSON.stringify({ q: r.q, filtered: r.filtered, fts5: round(r.fts5, 2), memory: round(r.memory, 2) }));
  } finally {
    await close();
  }
}
void main();
