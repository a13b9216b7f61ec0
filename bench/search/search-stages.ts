/**
 * One-off measurement for docs/SEARCH.md: where a `search` call's time goes on the 100k bench store.
 * The latency bench's queries (bench/search.ts `benchQueries`), every fourth with a price-range facet;
 * each stage of the search path run alone, one after the other per query, as the engine runs it
 * (the item cache checks filters; each half fetches `fusionDepth(DEPTH.search)` = 200 hits): rewrite,
 * query embedding (the int8 encoder, uncached), keyword top-200 (FTS5 over the plan), semantic
 * top-200 (ANN, filtered), the keyword-matched set as doc ids (`matchset`, read alone) and the facets as the engine
 * computes them (`facets`: that set read again and counted, `MatchedFacets`; the total leaves `matchset` out).
 * No event, ranker or log. `--filter brand|category|price` adds a selective filter to every fourth
 * query instead of the price facet (a brand or top-level category of one of the first 2,000 items).
 * `--repeat R`: each stage runs R times per query and the fastest counts (its cost without GC pauses or preemption).
 * Run: npx tsx bench/search/search-stages.ts [dataDir] [queries] [--filter brand|category|price] [--repeat R]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encoderText, MatchedFacets, type SearchFilters } from '../../src/main/engine/retrieval';
import { fusionDepth } from '../../src/main/engine/retrieval/hybrid-search';
import { LexicalSearch } from '../../src/main/engine/retrieval/lexical-search';
import { DEPTH } from '../../src/main/engine/recommend/recommend-candidates';
import { FACET_LIMIT } from '../../src/main/engine/recommend/recommend-service';
import { percentile, round } from '../bench-util';
import { openSearchBench } from './open-search-bench';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fi = args.indexOf('--filter');
  const filterKind = fi >= 0 ? args.splice(fi, 2)[1] : 'price';
  const ri = args.indexOf('--repeat');
  const repeat = ri >= 0 ? Math.max(1, Number(args.splice(ri, 2)[1])) : 1;
  const dataDir = args[0] ?? join(__dirname, '../../.cache/bench/recommend-100000');
  const n = Number(args[1] ?? 400);
  const { engine, encoder, queries, close } = await openSearchBench(dataDir, n);
  try {
    const sample = engine.catalog.list({ limit: 2000, offset: 0 }).items;
    const filterOf = (i: number): SearchFilters | undefined => {
      if (i % 4 !== 0) return undefined;
      const item = sample[(i * 37) % sample.length]!;
      if (filterKind === 'brand' && item.brand) return { facets: { brands: [item.brand] } };
      if (filterKind === 'category' && item.category) return { category: item.category.split(' > ')[0]! };
      return { facets: { priceRanges: [{ min: 0, max: 100 }] } };
    };
    const retrieval = engine.retrieval();
    const lexical = new LexicalSearch(new Database(join(dataDir, 'instinct.db'), { readonly: true }), engine.items);
    const depth = fusionDepth(DEPTH.search);
    const stages = ['rewrite', 'embed', 'keyword', 'semantic', 'matchset', 'facets'] as const;
    const times = new Map<string, number[]>(stages.map((s) => [s, []]));
    const rows: { q: string; filtered: boolean; matched: number; ms: Record<string, number> }[] = [];
    const facets = new MatchedFacets(lexical, engine.items);
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i]!;
      const filters = filterOf(i);
      const ms: Record<string, number> = {};
      // The fastest of `repeat` runs: what the stage costs for this query, without GC pauses and preemption.
      const time = <T>(stage: string, f: () => T): T => {
        let r: T | undefined;
        let best = Infinity;
        for (let j = 0; j < repeat; j++) {
          const t = performance.now();
          r = f();
          best = Math.min(best, performance.now() - t);
        }
        ms[stage] = best;
        return r!;
      };
      const plan = time('rewrite', () => engine.searchVocabulary.rewrite(q));
      const t = performance.now();
      const vector = await encoder.embedQuery(encoderText(plan) || q);
      ms.embed = performance.now() - t;
      time('keyword', () => lexical.search(q, depth, filters, false, plan));
      time('semantic', () => retrieval.searchSemantic(vector, depth, filters));
      const matched = time('matchset', () => lexical.matchedDocs(plan, filters, FACET_LIMIT) ?? lexical.matchedItems(plan, filters, FACET_LIMIT));
      time('facets', () => facets.count(plan, filters, FACET_LIMIT, []));
      if (i < n) continue;
      for (const s of stages) times.get(s)!.push(ms[s]!);
      rows.push({ q, filtered: filters !== undefined, matched: matched.length, ms });
    }
    const figures: Record<string, number | string> = { filter: filterKind ?? 'price', repeat };
    for (const s of stages) {
      const ts = times.get(s)!;
      figures[`${s}_p50_ms`] = round(percentile(ts, 0.5));
      figures[`${s}_p99_ms`] = round(percentile(ts, 0.99));
      figures[`${s}_mean_ms`] = round(ts.reduce((a, b) => a + b, 0) / ts.length);
    }
    const searchStages = stages.filter((s) => s !== 'embed' && s !== 'matchset');
    const total = (r: (typeof rows)[number]): number => searchStages.reduce((a, s) => a + r.ms[s]!, 0);
    figures.total_no_embed_p50_ms = round(percentile(rows.map(total), 0.5));
    figures.total_no_embed_p99_ms = round(percentile(rows.map(total), 0.99));
    figures.filtered_total_p50_ms = round(percentile(rows.filter((r) => r.filtered).map(total), 0.5));
    figures.unfiltered_total_p50_ms = round(percentile(rows.filter((r) => !r.filtered).map(total), 0.5));
    figures.matched_p50 = percentile(rows.map((r) => r.matched), 0.5);
    figures.matched_p99 = percentile(rows.map((r) => r.matched), 0.99);
    console.log(JSON.stringify(figures));
    const slowest = [...rows].sort((a, b) => total(b) - total(a)).slice(0, 12);
    for (const r of slowest) console.log(JSON.stringify({ q: r.q, filtered: r.filtered, matched: r.matched, ...Object.fromEntries(Object.entries(r.ms).map(([k, v]) => [k, round(v, 2)])) }));
  } finally {
    await close();
  }
}
void main();
