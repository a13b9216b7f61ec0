/**
 * The semantic half of a filtered search, before and after the passing-rows paths (docs/SEARCH.md,
 * "The semantic half of a filtered search"): per bench query (bench/search.ts `benchQueries`) and
 * filter kind, top-200 (the depth `search` fetches per half) by the committed path (the first k
 * passing of a 4k, then 32k ANN fetch, checked on the item cache) and by `semanticSearch` with the
 * filter's passing rows (listed once per filter, as a repeated filter finds them), order alternating;
 * recall@200 of each against the exact filtered top 200 (every passing item scored); `listMs`: the first
 * listing of each distinct filter (one pass over the item cache).
 * Filter kinds: price (the bench's facet 0–100), brand (one brand facet), category (a top-level
 * category), cat2 (a second-level category), each from one of the first 2,000 items.
 * Run: npx tsx bench/search/filtered-semantic.ts <copy of the bench store> [queries] [kinds, comma-separated]
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encoderText, type SearchFilters } from '../../src/main/engine/retrieval';
import { FilteredItems } from '../../src/main/engine/retrieval/filtered-items';
import { EXACT_MAX_ROWS, semanticSearch } from '../../src/main/engine/retrieval/semantic-search';
import { percentile, round } from '../bench-util';
import { openSearchBench } from './open-search-bench';
import Database from 'better-sqlite3';

async function main(): Promise<void> {
  const dataDir = process.argv[2]!;
  const nq = Number(process.argv[3] ?? 100);
  const { engine, encoder, queries, close } = await openSearchBench(dataDir, 400);
  const sample = engine.catalog.list({ limit: 2000, offset: 0 }).items;
  const index = engine.retrieval().index;
  const db = new Database(join(dataDir, 'instinct.db'), { readonly: true });
  const filtered = new FilteredItems(db, engine.items);
  const old = { passing: filtered.passing.bind(filtered), check: filtered.check.bind(filtered) };
  const k = 200;
  const vectors: Float32Array[] = [];
  for (let i = 0; i < nq; i++) { const plan = engine.searchVocabulary.rewrite(queries[i]!); vectors.push(await encoder.embedQuery(encoderText(plan) || queries[i]!)); }
  for (const kind of (process.argv[4] ?? 'price,brand,category,cat2').split(',')) {
    const res: Record<string, number[]> = { old: [], neu: [], recallOld: [], recallNew: [], nOld: [], nNew: [], listMs: [] };
    const listed = new Set<string>();
    for (let i = 0; i < nq; i++) {
      const item = sample[(i * 37) % sample.length]!;
      const filters: SearchFilters = kind === 'price' ? { facets: { priceRanges: [{ min: 0, max: 100 }] } } : kind === 'brand' ? { facets: { brands: [item.brand!] } } : kind === 'category' ? { category: item.category!.split(' > ')[0]! } : { category: item.category!.split(' > ').slice(0, 2).join(' > ') };
      const v = vectors[i]!;
      // The filter's rows listed first (a repeated filter), then both paths timed, order alternating.
      const key = JSON.stringify(filters);
      const tl = performance.now();
      filtered.passingRows(index, filters, EXACT_MAX_ROWS);
      if (!listed.has(key)) {
        listed.add(key);
        res.listMs!.push(performance.now() - tl);
      }
      let a: ReturnType<typeof semanticSearch> = [], b: ReturnType<typeof semanticSearch> = [];
      for (const which of i % 2 === 0 ? ['old', 'neu'] : ['neu', 'old']) {
        const t = performance.now();
        if (which === 'old') a = semanticSearch(index, old, v, k, filters); else b = semanticSearch(index, filtered, v, k, filters);
        res[which]!.push(performance.now() - t);
      }
      const check = filtered.check(filters)!;
      const exact = new Set(index.searchExact(v, k, check).map((h) => h.itemId));
      res.recallOld!.push(a.filter((h) => exact.has(h.itemId)).length / exact.size);
      res.recallNew!.push(b.filter((h) => exact.has(h.itemId)).length / exact.size);
      res.nOld!.push(a.length); res.nNew!.push(b.length);
    }
    const s = (x: number[]) => `p50 ${round(percentile(x, 0.5), 2)} p90 ${round(percentile(x, 0.9), 2)} p99 ${round(percentile(x, 0.99), 2)} mean ${round(x.reduce((p, q) => p + q, 0) / x.length, 3)}`;
    console.log(kind, JSON.stringify(Object.fromEntries(Object.entries(res).map(([n, x]) => [n, s(x)]))));
  }
  await close();
}
void main();
