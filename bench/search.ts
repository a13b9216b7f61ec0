/**
 * Search: `npm run bench -- search --json [--count N] [--queries N] [--skip-quality] [--targets N] [--others N] [--seed N]
 * [--exclude-seed N] [--data-dir DIR]` (a validation set: another seed, the reported seed's targets left out; DIR: a
 * copy of the bench store to search instead of .cache/bench/recommend-N, which other benches write to).
 *
 * 1. The typo dictionary's memory: heap used (plus array buffers) before and after building it over 100,000 random
 *    distinct words of 4–11 letters (the worst case: no shared deletions), after a GC each time.
 * 2. Latency on the 100k bench store of bench/recommend.ts (built once, cached under .cache/bench):
 *    distinct queries of 2 title words, every other one with a seeded misspelling, through the
 *    contract's dispatcher (`search`: rewrite, query embedding, hybrid, ranker, facet counts over
 *    every keyword-matched item; every fourth with a price-range facet selected), and type-ahead
 *    (`search.suggest`) on 3-letter prefixes with 50k past queries in the suggestion index.
 *    `search_cpu_ms_per_query`: the process's CPU time (every thread) over the measured searches, per search.
 *    `search_p99_ms_interval_95`: a bootstrap 95 % interval of that p99 over the measured searches.
 * 3. Quality on real titles (bench/search/quality.ts), unless --skip-quality.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { demoShopperId } from '../src/main/engine/demo';
import { seededRandom } from '../src/main/engine/datasets/seeded-random';
import { Engine } from '../src/main/engine/engine';
import type { SearchResult } from '../src/shared/contract';
import { SentenceEncoder } from '../src/main/engine/inference/sentence-encoder';
import { TermDictionary } from '../src/main/engine/retrieval/term-dictionary';
import type { BenchFigures } from './main';
import { prepareStore } from './recommend';
import { fillPastQueries, pastQueries } from './search/past-queries';
import { beautyItems, datasetsPresent, evaluateSet, qualityFigures, scientificItems } from './search/quality';
import { numberArg, percentile, percentileInterval95, round } from './bench-util';

const SEED = 42;
/** Past queries in the suggestion index while type-ahead is measured. */
const PAST_QUERIES = 50_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = (): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  // Typed arrays' backing stores are outside the JS heap: counted too.
  return m.heapUsed + m.arrayBuffers;
};

/** Heap growth of a TermDictionary over `n` random distinct words (one per item), and its lookup time. */
export async function dictionaryMemory(n: number): Promise<BenchFigures> {
  const random = seededRandom(SEED);
  const words = new Set<string>();
  while (words.size < n) {
    const len = 4 + Math.floor(random() * 8);
    let w = '';
    for (let i = 0; i < len; i++) w += String.fromCharCode(97 + Math.floor(random() * 26));
    words.add(w);
  }
  const list = [...words];
  const before = heapUsed();
  const t = performance.now();
  const dict = new TermDictionary();
  list.forEach((w, i) => dict.setItem(`i${i}`, [w]));
  await dict.whenIndexed(); // builds the deletion index (in turns of the event loop)
  const buildMs = performance.now() - t;
  const after = heapUsed();
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const w = list[Math.floor(random() * list.length)]!;
    const typed = w.slice(0, 1) + w.slice(2);
    const t0 = performance.now();
    dict.corrections(typed, 3);
    times.push(performance.now() - t0);
  }
  return {
    typo_dictionary_words: dict.size,
    typo_dictionary_mb: round((after - before) / 2 ** 20, 1),
    typo_dictionary_index_mb: round(dict.indexBytes / 2 ** 20, 1),
    typo_dictionary_build_s: round(buildMs / 1000, 2),
    typo_lookup_p50_ms: round(percentile(times, 0.5), 4),
    typo_lookup_p99_ms: round(percentile(times, 0.99), 4),
  };
}

function misspell(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 1));
  return random() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
}

/**
 * The latency bench's queries: 2n distinct pairs of title words from the first 2,000 items (seeded), every other
 * one with a seeded misspelling; the first n warm up. Also the titles' words (type-ahead uses them).
 */
export function benchQueries(engine: Engine, n: number): { titles: string[][]; queries: string[] } {
  const random = seededRandom(SEED + 1);
  const titles = engine.catalog.list({ limit: 2000, offset: 0 }).items.map((i) => i.title.toLowerCase().split(/\s+/).filter((w) => /^[a-z]{4,}$/.test(w)));
  const seen = new Set<string>();
  const queries: string[] = [];
  for (let i = 0; queries.length < 2 * n && i < n * 40; i++) {
    const w = titles[Math.floor(random() * titles.length)]!;
    if (w.length < 2) continue;
    const a = w[Math.floor(random() * w.length)]!;
    let b = w[Math.floor(random() * w.length)]!;
    if (queries.length % 2 === 1 && b.length >= 5) b = misspell(b, random);
    const q = `${a} ${b}`;
    if (!seen.has(q)) {
      seen.add(q);
      queries.push(q);
    }
  }
  return { titles, queries };
}

/**
 * The latency bench's search number `i` of `queries` (the first `n` warm up, the next `n` are measured,
 * by the same shoppers): every fourth with a price-range facet ticked.
 */
export function benchSearch(engine: Engine, queries: readonly string[], i: number, n: number): Promise<SearchResult> {
  const facets = i % 4 === 0 ? { priceRanges: [{ min: 0, max: 100 }] } : undefined;
  return engine.dispatcher.call('search', { query: queries[i]!, shopperId: demoShopperId(1 + (((i % n) * 7) % 3000)), k: 20, ...(facets ? { facets } : {}) });
}

/** The typo dictionary loads in chunks at start: waits until its size stops changing and its index is built. */
export async function dictionaryReady(engine: Engine): Promise<void> {
  let size = -1;
  while (engine.searchVocabulary.dictionary.size !== size) {
    size = engine.searchVocabulary.dictionary.size;
    await new Promise((r) => setTimeout(r, 200));
  }
  await engine.searchVocabulary.dictionary.whenIndexed();
}

async function latency(count: number, n: number, dir?: string): Promise<BenchFigures> {
  const dataDir = dir ?? join(__dirname, `../.cache/bench/recommend-${count}`);
  if (!existsSync(join(dataDir, 'instinct.db'))) await prepareStore(dataDir, count);
  const engine = new Engine({ dataDir, host: 'bench' });
  await engine.start({ embedMissing: false });
  try {
    await dictionaryReady(engine);
    // Lists are ranked by the serving worker once it has loaded its replica: measure after that.
    const workers = await engine.servingWorkers();
    const { titles, queries } = benchQueries(engine, n);
    const times: number[] = [];
    const warmTimes: number[] = [];
    let corrected = 0;
    let matched = 0;
    // The first n queries warm up (JIT, the shoppers' live state loaded from the store) and are not
    // measured; the next n, distinct from them, by the same shoppers, are.
    let cpu: NodeJS.CpuUsage | undefined;
    for (let i = 0; i < queries.length; i++) {
      // CPU time of the whole process (engine thread, serving worker, encoder threads, GC) over the measured queries:
      // steadier than wall-clock time on a shared machine.
      if (i === n) cpu = process.cpuUsage();
      const t = performance.now();
      const res = await benchSearch(engine, queries, i, n);
      if (i < n) {
        warmTimes.push(performance.now() - t);
        continue;
      }
      times.push(performance.now() - t);
      if ((res.rewrite?.corrections.length ?? 0) > 0) corrected++;
      matched += res.facets?.matched ?? 0;
    }
    const cpuUsed = process.cpuUsage(cpu);
    // Type-ahead also answers from past queries that returned clicks: 50k of them in the suggestion index
    // (bench/search/past-queries.ts), every other call as a shopper (their own queries are looked up too).
    await engine.querySuggestions.whenReady(); // its rebuild from the store first, so it does not replace what is filled in
    fillPastQueries(engine.querySuggestions, pastQueries(titles, PAST_QUERIES, SEED + 2), { seed: SEED + 3, shoppers: 3000, now: Date.now() });
    const suggestTimes: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const w = titles[i % titles.length]![0] ?? 'shoe';
      const t = performance.now();
      await engine.dispatcher.call('search.suggest', { query: `${i % 3 === 0 ? 'red ' : ''}${w.slice(0, 3)}`, k: 8, ...(i % 2 === 0 ? { shopperId: `bench-shopper-${i % 3000}` } : {}) });
      suggestTimes.push(performance.now() - t);
    }
    // The query embedding alone (the same int8 encoder, on this thread), to see what the search time is made of.
    const encoder = await SentenceEncoder.load({ variant: 'int8', providers: ['cpu'], log: { info: () => undefined, warn: (m) => console.warn(m) } });
    const embedTimes: number[] = [];
    try {
      for (const q of queries.slice(n)) {
        const t = performance.now();
        await encoder.embedQuery(q);
        embedTimes.push(performance.now() - t);
      }
    } finally {
      await encoder.dispose();
    }
    return {
      catalogue_items: engine.catalog.count(),
      search_queries: times.length,
      search_warmup_p50_ms: round(percentile(warmTimes, 0.5)),
      search_queries_corrected: corrected,
      search_mean_matched: Math.round(matched / times.length),
      search_p50_ms: round(percentile(times, 0.5)),
      search_p99_ms: round(percentile(times, 0.99)),
      search_p99_ms_interval_95: percentileInterval95(times, 0.99).map((x) => round(x)).join('..'),
      search_cpu_ms_per_query: round((cpuUsed.user + cpuUsed.system) / 1000 / times.length),
      query_embedding_p50_ms: round(percentile(embedTimes, 0.5)),
      query_embedding_p99_ms: round(percentile(embedTimes, 0.99)),
      typeahead_p50_ms: round(percentile(suggestTimes, 0.5)),
      typeahead_p99_ms: round(percentile(suggestTimes, 0.99)),
      typeahead_past_queries: engine.querySuggestions.size,
      store_dictionary_words: engine.searchVocabulary.dictionary.size,
      serving_workers_ready: workers.ready,
      searches_ranked_by_workers: (await engine.servingWorkers()).served.byWorkers,
    };
  } finally {
    await engine.close();
  }
}

/** `--name value`, or undefined. */
function stringArg(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(args: string[]): Promise<BenchFigures> {
  const out: BenchFigures = { ...(await dictionaryMemory(numberArg(args, 'words', 100_000))) };
  if (!args.includes('--skip-latency')) Object.assign(out, await latency(numberArg(args, 'count', 100_000), numberArg(args, 'queries', 400), stringArg(args, 'data-dir')));
  if (args.includes('--skip-quality')) return out;
  if (!datasetsPresent()) return { ...out, quality: 'skipped: ../shared/datasets not found' };
  const exclude = numberArg(args, 'exclude-seed', NaN);
  const opts = { targets: numberArg(args, 'targets', 500), others: numberArg(args, 'others', Number.MAX_SAFE_INTEGER), seed: numberArg(args, 'seed', 13), ...(Number.isFinite(exclude) ? { excludeSeed: exclude } : {}) };
  Object.assign(out, { q_targets_per_set: opts.targets, q_seed: opts.seed, ...(opts.excludeSeed !== undefined ? { q_validation_excludes_seed: opts.excludeSeed } : {}) });
  const encoder = await SentenceEncoder.load({ variant: 'int8', providers: ['cpu'], log: { info: () => undefined, warn: (m) => console.warn(m) } });
  try {
    for (const [name, items] of [
      ['beauty', beautyItems()],
      ['scientific', scientificItems()],
    ] as const) {
      const { queries, rr, catalogue } = await evaluateSet(name, items, encoder, opts);
      Object.assign(out, { [`q_${name}_catalogue`]: catalogue }, qualityFigures(name, queries, rr, opts.seed));
    }
  } finally {
    await encoder.dispose();
  }
  return out;
}
