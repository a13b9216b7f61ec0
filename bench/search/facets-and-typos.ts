/**
 * One-off measurement for docs/SEARCH.md: on the generated catalogue (100k items by default) in a
 * temporary SQLite store, the keyword half of a search with typo tolerance and facets: rewrite
 * (corrections, synonyms) + FTS5 top-50 + every matched item + facet counts. No encoder, no ranking.
 * Run: npx tsx bench/search/facets-and-typos.ts [count]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCatalog } from '../../src/main/engine/demo/catalog-generator';
import { FacetIndex, LexicalSearch, SearchVocabulary } from '../../src/main/engine/retrieval';
import { CatalogRepository, openDatabase } from '../../src/main/engine/store';
import type { StoredItem } from '../../src/shared/contract';
import { seededRandom } from '../../src/main/engine/datasets/seeded-random';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'instinct-search-bench-'));
  const db = openDatabase(join(dir, 'instinct.db'));
  const catalog = new CatalogRepository(db);
  const generated = generateCatalog({ seed: 42, count });
  for (let i = 0; i < generated.length; i += 5000) catalog.upsertItems(generated.slice(i, i + 5000));
  const items = new Map<string, StoredItem>(catalog.all().map((i) => [i.itemId, i]));
  const vocabulary = new SearchVocabulary();
  await vocabulary.loadInChunks([...items.keys()], (id) => items.get(id));
  const lexical = new LexicalSearch(db);

  /** The project's seeded mulberry32 generator. */
  const rand = seededRandom(7);
  const titles = generated.map((g) => g.title.toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 4));
  const queries: string[] = [];
  for (let q = 0; q < 500; q++) {
    const words = titles[Math.floor(rand() * titles.length)]!.slice(0, 1 + (q % 3));
    if (words.length === 0) continue;
    // Every other query has its first word misspelt by one swap of two letters.
    if (q % 2 === 0 && words[0]!.length >= 5) words[0] = words[0]!.slice(0, 1) + words[0]![2] + words[0]![1] + words[0]!.slice(3);
    queries.push(words.join(' '));
  }
  const measure = (run: (q: string) => void): { p50: number; p99: number } => {
    const times = queries.map((q) => {
      const t = performance.now();
      run(q);
      return performance.now() - t;
    }).sort((a, b) => a - b);
    return { p50: +times[Math.floor(times.length / 2)]!.toFixed(2), p99: +times[Math.floor(times.length * 0.99)]!.toFixed(2) };
  };
  let matchedTotal = 0;
  const facetIndex = new FacetIndex();
  const keyword = measure((q) => lexical.search(q, 50, undefined, false, vocabulary.rewrite(q)));
  const withFacets = measure((q) => {
    const plan = vocabulary.rewrite(q);
    lexical.search(q, 50, undefined, false, plan);
    const ids = lexical.matchedItems(plan, undefined, 20_000);
    matchedTotal += ids.length;
    facetIndex.count(ids.map((id) => items.get(id)!), ids.length >= 20_000);
  });
  const typeahead = measure((q) => vocabulary.suggest(q.slice(0, Math.max(2, q.length - 3)), 8));
  console.log(JSON.stringify({ items: count, queries: queries.length, keyword_with_typos_ms: keyword, keyword_typos_facets_ms: withFacets, typeahead_ms: typeahead, mean_matched: Math.round(matchedTotal / queries.length) }));
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
void main();
