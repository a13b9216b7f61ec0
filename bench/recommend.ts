/**
 * End-to-end recommend and search latency on a generated 100k-item catalogue:
 * `npm run bench -- recommend --json [--count N] [--requests N] [--fresh]`.
 *
 * The catalogue is the project's generator (seed 42); its vectors are the int8 text encoder's
 * embeddings of the generated product texts (cached under .cache/bench by bench/retrieval.ts's
 * catalogVectors). The store and the HNSW index live in .cache/bench/recommend-<N>/ and are reused,
 * so only the first run pays for the index build. Each measured request goes through the contract's
 * dispatcher: live state -> intent -> ANN + co-visitation + popular/trending -> fusion, rules,
 * diversity, explanation -> impression row. Every few requests the shopper acts first, so the
 * request after an acknowledged event is measured too. `--offload-blocks N` (default 10, 0 = none):
 * N blocks of 100 sequential requests alternating with an engine that hands every list to its serving
 * worker, in the same run.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoShopperId, generateCatalog, generateShopperEvents } from '../src/main/engine/demo';
import { Engine } from '../src/main/engine/engine';
import { SentenceEncoder } from '../src/main/engine/inference/sentence-encoder';
import type { BenchFigures } from './main';
import { catalogVectors } from './retrieval';
import { numberArg, percentile, round } from './bench-util';

const SEED = 42;

/** Builds (once) the bench store: catalogue, its cached vectors, and a few weeks of shopper events. */
export async function prepareStore(dataDir: string, count: number): Promise<void> {
  const catalog = generateCatalog({ seed: SEED, count });
  const encoder = await SentenceEncoder.load({ variant: 'int8', providers: ['cpu'], log: { info: () => undefined, warn: (m) => console.warn(m) } });
  const vectors = await catalogVectors(catalog, SEED, encoder);
  const engine = new Engine({ dataDir, host: 'bench' });
  try {
    for (let i = 0; i < catalog.length; i += 5000) engine.catalog.upsertItems(catalog.slice(i, i + 5000));
    const dims = encoder.dimensions;
    const rows = catalog.map((item, i) => ({ itemId: item.itemId, modelVersion: encoder.modelVersion, contentHash: 'bench', vector: vectors.subarray(i * dims, (i + 1) * dims) }));
    for (let i = 0; i < rows.length; i += 5000) engine.vectors.put(rows.slice(i, i + 5000));
    const events = generateShopperEvents({ seed: SEED, catalog, shoppers: 3000, startTs: Date.now() - 14 * 86_400_000, days: 14 });
    for (let i = 0; i < events.length; i += 5000) engine.events.insertEvents(events.slice(i, i + 5000), { rejectWholeBatch: false, history: true });
    process.stderr.write(`bench store: ${catalog.length} items, ${events.length} events; building the vector index (minutes, once)\n`);
    engine.retrieval();
  } finally {
    await engine.close();
    await encoder.dispose();
  }
}

export async function run(args: string[]): Promise<BenchFigures> {
  const count = numberArg(args, 'count', 100_000);
  const requests = numberArg(args, 'requests', 3000);
  const dataDir = join(__dirname, `../.cache/bench/recommend-${count}`);
  if (args.includes('--fresh')) rmSync(dataDir, { recursive: true, force: true });
  if (!existsSync(join(dataDir, 'instinct.db'))) await prepareStore(dataDir, count);

  const startT0 = performance.now();
  const engine = new Engine({ dataDir, host: 'bench' });
  await engine.start({ embedMissing: false });
  const startSeconds = (performance.now() - startT0) / 1000;
  // The serving workers load their replicas in the background: measure once they answer.
  await engine.servingWorkers();
  const ef = numberArg(args, 'ef-search', 0);
  if (ef > 0) engine.retrieval().index.setEfSearch(ef);
  try {
    const catalog = engine.catalog.list({ limit: 500, offset: 0 }).items;
    const shoppers = Array.from({ length: 400 }, (_, i) => demoShopperId(1 + ((i * 7) % 3000)));
    // First request per shopper: their live state is loaded from the store (as after a restart).
    const firstRequest: number[] = [];
    for (const shopperId of shoppers) {
      const t = performance.now();
      await engine.dispatcher.call('recommend', { shopperId, k: 20 });
      firstRequest.push(performance.now() - t);
    }

    const latencies: number[] = [];
    const afterEvent: number[] = [];
    for (let i = 0; i < requests; i++) {
      const shopperId = shoppers[i % shoppers.length]!;
      const acted = i % 4 === 0;
      if (acted) await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId, itemId: catalog[i % catalog.length]!.itemId }] });
      const t = performance.now();
      await engine.dispatcher.call('recommend', { shopperId, k: 20 });
      const ms = performance.now() - t;
      latencies.push(ms);
      if (acted) afterEvent.push(ms);
    }

    // Search: distinct queries so every one pays for its query embedding.
    const searchTimes: number[] = [];
    const words = catalog.map((item) => item.title.split(/\s+/).filter((w) => w.length > 3));
    for (let i = 0; i < 400; i++) {
      const w = words[i % words.length]!;
      const query = `${w[i % w.length] ?? 'gift'} ${w[(i + 1) % w.length] ?? ''} ${i}`.trim();
      const t = performance.now();
      await engine.dispatcher.call('search', { query, shopperId: shoppers[i % shoppers.length]!, k: 20 });
      searchTimes.push(performance.now() - t);
    }

    // The same sequential requests, in alternating blocks, on this engine and on one that sends every
    // list to its serving worker (servingOffload 'always'): what the hop to a worker costs a lone request.
    const offloaded = await offloadComparison(engine, dataDir, shoppers, numberArg(args, 'offload-blocks', 10));

    // ANN against the exact path on real intent vectors: the sessions' own intents.
    const index = engine.retrieval().index;
    const intents = shoppers.slice(0, 200).flatMap((s) => {
      const v = engine.recommender.intentOf(s);
      return v ? [v] : [];
    });
    let hits = 0;
    let annMs = 0;
    let exactMs = 0;
    for (const q of intents) {
      let t = performance.now();
      const ann = index.search(q, 100);
      annMs += performance.now() - t;
      t = performance.now();
      const exact = index.searchExact(q, 100);
      exactMs += performance.now() - t;
      const truth = new Set(exact.map((h) => h.itemId));
      hits += ann.filter((h) => truth.has(h.itemId)).length;
    }
    return {
      catalogue_items: engine.catalog.count(),
      requests,
      recommend_p50_ms: round(percentile(latencies, 0.5)),
      recommend_p99_ms: round(percentile(latencies, 0.99)),
      recommend_after_event_p50_ms: round(percentile(afterEvent, 0.5)),
      recommend_after_event_p99_ms: round(percentile(afterEvent, 0.99)),
      recommend_first_request_p50_ms: round(percentile(firstRequest, 0.5)),
      ef_search: engine.retrieval().index.params.efSearch,
      search_p50_ms: round(percentile(searchTimes, 0.5)),
      search_p99_ms: round(percentile(searchTimes, 0.99)),
      ann_recall_at_100: round(hits / (intents.length * 100), 4),
      ann_speedup_vs_exact: round(exactMs / annMs, 1),
      ann_queries: intents.length,
      ...offloaded,
      engine_start_s: round(startSeconds, 2),
      rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await engine.close();
  }
}

/** p50/p99 of `blocks` x 100 sequential requests on each engine, blocks alternating (the default engine first). */
async function offloadComparison(engine: Engine, dataDir: string, shoppers: readonly string[], blocks: number): Promise<BenchFigures> {
  if (blocks <= 0) return {};
  const always = new Engine({ dataDir, host: 'bench', servingOffload: 'always' });
  try {
    await always.start({ embedMissing: false });
    const workers = await always.servingWorkers();
    if (workers.ready === 0) return { offload_comparison: 'skipped: no serving worker on this machine' };
    for (const shopperId of shoppers) await always.dispatcher.call('recommend', { shopperId, k: 20 });
    const times = { busy: [] as number[], always: [] as number[] };
    for (let b = 0; b < blocks; b++) {
      for (const [side, e] of [['busy', engine], ['always', always]] as const) {
        for (let i = 0; i < 100; i++) {
          const t = performance.now();
          await e.dispatcher.call('recommend', { shopperId: shoppers[(b * 100 + i) % shoppers.length]!, k: 20 });
          times[side].push(performance.now() - t);
        }
      }
    }
    return {
      recommend_p50_ms_same_blocks: round(percentile(times.busy, 0.5)),
      recommend_p99_ms_same_blocks: round(percentile(times.busy, 0.99)),
      recommend_p50_ms_always_offloaded: round(percentile(times.always, 0.5)),
      recommend_p99_ms_always_offloaded: round(percentile(times.always, 0.99)),
    };
  } finally {
    await always.close();
  }
}
