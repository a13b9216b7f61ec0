/**
 * One-off measurement for docs/SEARCH.md: where a `search` call's time goes on the 100k bench store.
 * The latency bench's queries (bench/search.ts `benchQueries`), every fourth with a price-range facet;
 * each stage of the search path run alone, one after the other per query: rewrite, query
 * embedding (the int8 encoder, uncached), keyword top-50 (FTS5 over the plan), semantic top-50 (ANN,
 * filtered), the keyword-matched set facets count (`matchset`), and the facet counts. No event, ranker or log.
 * Run: npx tsx bench/search/search-stages.ts [dataDir] [queries]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../../src/main/engine/engine';
import { SentenceEncoder } from '../../src/main/engine/inference/sentence-encoder';
import { encoderText, type SearchFilters } from '../../src/main/engine/retrieval';
import { fusionDepth } from '../../src/main/engine/retrieval/hybrid-search';
import { LexicalSearch } from '../../src/main/engine/retrieval/lexical-search';
import { FACET_LIMIT } from '../../src/main/engine/recommend/recommend-service';
import { searchFacets } from '../../src/main/engine/recommend/search-extras';
import { percentile, round } from '../bench-util';
import { benchQueries, dictionaryReady } from '../search';

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? join(__dirname, '../../.cache/bench/recommend-100000');
  const n = Number(process.argv[3] ?? 400);
  const engine = new Engine({ dataDir, host: 'bench' });
  await engine.start({ embedMissing: false });
  const encoder = await SentenceEncoder.load({ variant: 'int8', providers: ['cpu'], log: { info: () => undefined, warn: (m) => console.warn(m) } });
  try {
    await dictionaryReady(engine);
    const { queries } = benchQueries(engine, n);
    const retrieval = engine.retrieval();
    const lexical = new LexicalSearch(new Database(join(dataDir, 'instinct.db'), { readonly: true }));
    const stages = ['rewrite', 'embed', 'keyword', 'semantic', 'matchset', 'facets'] as const;
    const times = new Map<string, number[]>(stages.map((s) => [s, []]));
    const rows: { q: string; matched: number; ms: Record<string, number> }[] = [];
    const list = { items: [] } as unknown as Parameters<typeof searchFacets>[2];
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i]!;
      const filters: SearchFilters | undefined = i % 4 === 0 ? { facets: { priceRanges: [{ min: 0, max: 100 }] } } : undefined;
      const ms: Record<string, number> = {};
      const time = <T>(stage: string, f: () => T): T => {
        const t = performance.now();
        const r = f();
        ms[stage] = performance.now() - t;
        return r;
      };
      const plan = time('rewrite', () => engine.searchVocabulary.rewrite(q));
      const t = performance.now();
      const vector = await encoder.embedQuery(encoderText(plan) || q);
      ms.embed = performance.now() - t;
      time('keyword', () => lexical.search(q, fusionDepth(20), filters, false, plan));
      time('semantic', () => retrieval.searchSemantic(vector, fusionDepth(20), filters));
      const matched = time('matchset', () => lexical.matchedItems(plan, filters, FACET_LIMIT));
      time('facets', () => searchFacets(matched, FACET_LIMIT, list, engine.items));
      if (i < n) continue;
      for (const s of stages) times.get(s)!.push(ms[s]!);
      rows.push({ q, matched: matched.length, ms });
    }
    const figures: Record<string, number> = {};
    for (const s of stages) {
      const ts = times.get(s)!;
      figures[`${s}_p50_ms`] = round(percentile(ts, 0.5));
      figures[`${s}_p99_ms`] = round(percentile(ts, 0.99));
      figures[`${s}_mean_ms`] = round(ts.reduce((a, b) => a + b, 0) / ts.length);
    }
    const total = (r: (typeof rows)[number]): number => stages.reduce((a, s) => a + r.ms[s]!, 0);
    figures.total_p50_ms = round(percentile(rows.map(total), 0.5));
    figures.total_p99_ms = round(percentile(rows.map(total), 0.99));
    figures.matched_p50 = percentile(rows.map((r) => r.matched), 0.5);
    figures.matched_p99 = percentile(rows.map((r) => r.matched), 0.99);
    console.log(JSON.stringify(figures));
    const slowest = [...rows].sort((a, b) => total(b) - total(a)).slice(0, 8);
    for (const r of slowest) console.log(JSON.stringify({ q: r.q, matched: r.matched, ...Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [k, round(v, 2)])) }));
  } finally {
    await encoder.dispose();
    await engine.close();
  }
}
void main();
