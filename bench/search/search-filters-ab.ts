/**
 * One-off A/B for docs/SEARCH.md: the filtered parts of a search with the filters joined in SQL
 * (no item cache, as before) and checked in memory on the engine's item cache, in one process on
 * the 100k bench store, both on every query (order alternating), results compared for equality.
 * The latency bench's queries, each with one of: the bench's price facet (0-100), a price range
 * 20-60 and in stock, a brand facet, a category filter. Stages: keyword top-50 (filtered windows),
 * semantic top-50 (the ANN hits checked against the filters), the matched set facets count; totals
 * also per filter (filter0 .. filter3 in that order).
 * Run: npx tsx bench/search/search-filters-ab.ts [dataDir] [queries]
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { encoderText, type SearchFilters } from '../../src/main/engine/retrieval';
import { FilteredItems } from '../../src/main/engine/retrieval/filtered-items';
import { fusionDepth } from '../../src/main/engine/retrieval/hybrid-search';
import { LexicalSearch } from '../../src/main/engine/retrieval/lexical-search';
import { semanticSearch } from '../../src/main/engine/retrieval/semantic-search';
import { FACET_LIMIT } from '../../src/main/engine/recommend/recommend-service';
import { percentile, round } from '../bench-util';
import { openSearchBench } from './open-search-bench';

async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? join(__dirname, '../../.cache/bench/recommend-100000');
  const n = Number(process.argv[3] ?? 400);
  const { engine, encoder, queries, close } = await openSearchBench(dataDir, n);
  try {
    const index = engine.retrieval().index;
    const db = new Database(join(dataDir, 'instinct.db'), { readonly: true });
    const sample = [...engine.items.values()].find((i) => i.brand !== undefined && i.category !== undefined)!;
    const FILTERS: SearchFilters[] = [
      { facets: { priceRanges: [{ min: 0, max: 100 }] } },
      { priceMin: 20, priceMax: 60, inStockOnly: true },
      { facets: { brands: [sample.brand!] } },
      { category: sample.category!.split(' > ')[0]! },
    ];
    const arms = {
      sql: { lexical: new LexicalSearch(db), filtered: new FilteredItems(db) },
      memory: { lexical: new LexicalSearch(db, engine.items), filtered: new FilteredItems(db, engine.items) },
    };
    const stages = ['keyword', 'semantic', 'matchset'] as const;
    const times = { sql: new Map<string, number[]>(stages.map((s) => [s, []])), memory: new Map<string, number[]>(stages.map((s) => [s, []])) };
    const totals = { sql: [] as number[], memory: [] as number[] };
    const byFilter = { sql: FILTERS.map((): number[] => []), memory: FILTERS.map((): number[] => []) };
    let differences = 0;
    let compared = 0;
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i]!;
      const filters = FILTERS[i % FILTERS.length]!;
      const plan = engine.searchVocabulary.rewrite(q);
      const vector = await encoder.embedQuery(encoderText(plan) || q);
      const results: Record<string, unknown[]> = {};
      const order = i % 2 === 0 ? (['sql', 'memory'] as const) : (['memory', 'sql'] as const);
      for (const arm of order) {
        const { lexical, filtered } = arms[arm];
        const out: unknown[] = [];
        let total = 0;
        const time = (stage: (typeof stages)[number], f: () => unknown): void => {
          const t = performance.now();
          out.push(f());
          const ms = performance.now() - t;
          total += ms;
          if (i >= n) times[arm].get(stage)!.push(ms);
        };
        time('keyword', () => lexical.search(q, fusionDepth(20), filters, false, plan));
        time('semantic', () => semanticSearch(index, filtered, vector, fusionDepth(20), filters));
        time('matchset', () => lexical.matchedItems(plan, filters, FACET_LIMIT));
        if (i >= n) {
          totals[arm].push(total);
          byFilter[arm][i % FILTERS.length]!.push(total);
        }
        results[arm] = out;
      }
      compared++;
      if (!isDeepStrictEqual(results.sql, results.memory)) differences++;
    }
    const figures: Record<string, number> = { queries: totals.sql.length, compared, differences };
    for (const arm of ['sql', 'memory'] as const) {
      for (const s of stages) {
        const ts = times[arm].get(s)!;
        figures[`${arm}_${s}_p50_ms`] = round(percentile(ts, 0.5));
        figures[`${arm}_${s}_p99_ms`] = round(percentile(ts, 0.99));
      }
      figures[`${arm}_total_p50_ms`] = round(percentile(totals[arm], 0.5));
      figures[`${arm}_total_p99_ms`] = round(percentile(totals[arm], 0.99));
      figures[`${arm}_total_mean_ms`] = round(totals[arm].reduce((a, b) => a + b, 0) / totals[arm].length);
      byFilter[arm].forEach((ts, f) => {
        figures[`${arm}_filter${f}_total_p50_ms`] = round(percentile(ts, 0.5));
        figures[`${arm}_filter${f}_total_p90_ms`] = round(percentile(ts, 0.9));
      });
    }
    console.log(JSON.stringify(figures));
  } finally {
    await close();
  }
}
void main();
