/**
 * One-off measurement of the typo dictionary (docs/SEARCH.md): build time and memory over the
 * generated 100k catalogue, and lookup time for 1- and 2-edit misspellings of catalogue words.
 * Run: npx tsx bench/search/typo-dictionary.ts [count]
 */
import { performance } from 'node:perf_hooks';
import { generateCatalog } from '../../src/main/engine/demo/catalog-generator';
import { SearchVocabulary } from '../../src/main/engine/retrieval/search-vocabulary';
import { seededRandom } from '../../src/main/engine/datasets/seeded-random';

const count = Number(process.argv[2] ?? 100_000);
const items = generateCatalog({ seed: 42, count }).map((i) => ({ itemId: i.itemId, title: i.title, brand: i.brand, category: i.category }));
const heapBefore = process.memoryUsage().heapUsed;
let t = performance.now();
const vocab = new SearchVocabulary();
vocab.upsertItems(items);
const buildMs = performance.now() - t;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

/** The project's seeded mulberry32 generator. */
const rand = seededRandom(7);
const terms = [...new Set(items.flatMap((i) => i.title.toLowerCase().split(/\s+/)))].filter((w) => /^[a-z]{4,}$/.test(w));
function misspell(w: string, edits: number): string {
  let s = w;
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rand() * s.length);
    const kind = Math.floor(rand() * 3);
    const letter = String.fromCharCode(97 + Math.floor(rand() * 26));
    s = kind === 0 ? s.slice(0, i) + s.slice(i + 1) : kind === 1 ? s.slice(0, i) + letter + s.slice(i + 1) : s.slice(0, i) + letter + s.slice(i);
  }
  return s;
}
const queries = Array.from({ length: 2000 }, (_, q) => {
  const w = terms[Math.floor(rand() * terms.length)]!;
  return { word: w, typed: misspell(w, w.length >= 8 && q % 2 === 0 ? 2 : 1) };
});
const times: number[] = [];
let found = 0;
for (const q of queries) {
  t = performance.now();
  const c = vocab.dictionary.corrections(q.typed, 3);
  times.push(performance.now() - t);
  if (q.typed === q.word || c.some((x) => x.term === q.word)) found++;
}
times.sort((a, b) => a - b);
const pct = (p: number): string => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(3);
t = performance.now();
for (let i = 0; i < 2000; i++) vocab.suggest(queries[i]!.word.slice(0, 3), 8);
const suggestMs = (performance.now() - t) / 2000;
console.log(JSON.stringify({ items: count, terms: vocab.dictionary.size, buildMs: Math.round(buildMs), heapMb: Math.round(heapMb), lookups: queries.length, p50_ms: pct(0.5), p99_ms: pct(0.99), max_ms: pct(1), foundTarget: found / queries.length, suggestMeanMs: suggestMs.toFixed(4) }));
