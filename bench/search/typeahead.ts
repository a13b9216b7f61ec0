/**
 * Type-ahead with past queries, for docs/SEARCH.md: an engine on a temporary store holding the
 * generated catalogue (100k items by default, seed 42; no vectors, no events), its term dictionary
 * loaded, and N past queries (50k by default, bench/search/past-queries.ts) in its suggestion index.
 * `search.suggest` through the contract's dispatcher on the same prefixes as `npm run bench -- search`
 * (3 letters of a title word, every third after "red "), every other call as a shopper; then
 * 1-letter prefixes (the longest run of keys to walk). Also the handler's work alone with and
 * without the past queries, alternating call by call (an A/B on one machine state).
 * Run: npx tsx bench/search/typeahead.ts [count] [pastQueries]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCatalog } from '../../src/main/engine/demo/catalog-generator';
import { Engine } from '../../src/main/engine/engine';
import { QuerySuggestions } from '../../src/main/engine/retrieval/query-suggestions/query-suggestions';
import { typeahead } from '../../src/main/engine/retrieval/query-suggestions/typeahead';
import { openDatabase } from '../../src/main/engine/store';
import { percentile, round } from '../bench-util';
import { fillPastQueries, pastQueries } from './past-queries';

const SHOPPERS = 3000;

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const n = Number(process.argv[3] ?? 50_000);
  const dir = mkdtempSync(join(tmpdir(), 'instinct-typeahead-bench-'));
  const engine = new Engine({ dataDir: dir, host: 'bench', servingWorkers: 0 });
  try {
    const generated = generateCatalog({ seed: 42, count });
    for (let i = 0; i < generated.length; i += 5000) engine.catalog.upsertItems(generated.slice(i, i + 5000));
    await engine.searchVocabulary.dictionary.whenIndexed();
    await engine.querySuggestions.whenReady();
    const titles = generated.slice(0, 2000).map((g) => g.title.toLowerCase().split(/\s+/).filter((w) => /^[a-z]{4,}$/.test(w)));
    const allTitles = generated.map((g) => g.title.toLowerCase().split(/\s+/).filter((w) => /^[a-z]{3,}$/.test(w)));
    const queries = pastQueries(allTitles, n, 43);
    const t0 = performance.now();
    const rewards = fillPastQueries(engine.querySuggestions, queries, { seed: 44, shoppers: SHOPPERS, now: Date.now() });
    const fillMs = performance.now() - t0;

    const prefix = (i: number, letters: number): string => {
      const w = titles[i % titles.length]![0] ?? 'shoe';
      return `${i % 3 === 0 ? 'red ' : ''}${w.slice(0, letters)}`;
    };
    const measure = async (letters: number): Promise<{ p50: number; p99: number; cpuP50: number; cpuP99: number; cpuMsPerCall: number; pastPerCall: number }> => {
      const times: number[] = [];
      const cpuTimes: number[] = [];
      let past = 0;
      let cpu = process.cpuUsage();
      for (let i = 0; i < 2000 + 200; i++) {
        const shopperId = i % 2 === 0 ? `bench-shopper-${i % SHOPPERS}` : undefined;
        if (i === 200) cpu = process.cpuUsage();
        const c = process.cpuUsage();
        const t = performance.now();
        const res = await engine.dispatcher.call('search.suggest', { query: prefix(i, letters), k: 8, ...(shopperId ? { shopperId } : {}) });
        if (i < 200) continue; // warm-up
        times.push(performance.now() - t);
        const u = process.cpuUsage(c);
        cpuTimes.push((u.user + u.system) / 1000);
        past += res.suggestions.filter((s) => s.kind === 'query').length;
      }
      const used = process.cpuUsage(cpu);
      return { p50: round(percentile(times, 0.5), 4), p99: round(percentile(times, 0.99), 4), cpuP50: round(percentile(cpuTimes, 0.5), 4), cpuP99: round(percentile(cpuTimes, 0.99), 4), cpuMsPerCall: round((used.user + used.system) / 1000 / times.length, 4), pastPerCall: round(past / times.length, 2) };
    };
    const three = await measure(3);
    const one = await measure(1);

    // The handler alone, with and without the past queries, alternating call by call.
    const emptyDb = openDatabase(join(dir, 'empty.db'));
    const empty = new QuerySuggestions({ db: emptyDb });
    // CPU time per call too (process.cpuUsage, microseconds): a call preempted by another process on a busy machine shows in wall time only.
    const withPast: number[] = [];
    const without: number[] = [];
    const withPastCpu: number[] = [];
    const withoutCpu: number[] = [];
    for (let i = 0; i < 8000; i++) {
      const query = prefix(i >> 1, i % 4 < 2 ? 3 : 1);
      const suggestions = i % 2 === 0 ? engine.querySuggestions : empty;
      const c = process.cpuUsage();
      const t = performance.now();
      typeahead({ vocabulary: engine.searchVocabulary, suggestions }, { query, k: 8 });
      const wall = performance.now() - t;
      const used = process.cpuUsage(c);
      (i % 2 === 0 ? withPast : without).push(wall);
      (i % 2 === 0 ? withPastCpu : withoutCpu).push((used.user + used.system) / 1000);
    }
    console.log(
      JSON.stringify({
        catalogue_items: count,
        past_queries: engine.querySuggestions.size,
        past_query_rewards: rewards,
        fill_ms: round(fillMs),
        typeahead_3_letters: three,
        typeahead_1_letter: one,
        handler_with_past_p50_p99_ms: [round(percentile(withPast, 0.5), 4), round(percentile(withPast, 0.99), 4)],
        handler_terms_only_p50_p99_ms: [round(percentile(without, 0.5), 4), round(percentile(without, 0.99), 4)],
        handler_with_past_cpu_p50_p99_ms: [round(percentile(withPastCpu, 0.5), 4), round(percentile(withPastCpu, 0.99), 4)],
        handler_terms_only_cpu_p50_p99_ms: [round(percentile(withoutCpu, 0.5), 4), round(percentile(withoutCpu, 0.99), 4)],
      }),
    );
    emptyDb.close();
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
