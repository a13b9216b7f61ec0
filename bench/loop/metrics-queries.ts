/**
 * The Performance page's queries over the roll-ups of 1M served lists: 30 days, three slots, five
 * weights versions, three intent models, twenty rules, two experiments, 5,000 search queries, and
 * their clicks, cart adds and purchases. Lists and rewards are folded through the same roll-up
 * accumulator the engine uses (the lists themselves are not stored: the page never reads them).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MetricDimension } from '../../src/shared/contract';
import type { RewardRow } from '../../src/main/engine/loop/attribution/reward-log';
import { MetricsQueries } from '../../src/main/engine/loop/metrics/metrics-queries';
import { RollupAccumulator } from '../../src/main/engine/loop/metrics/rollup-accumulator';
import { RollupReader } from '../../src/main/engine/loop/metrics/rollup-reader';
import { RollupStore } from '../../src/main/engine/loop/metrics/rollup-store';
import { SearchAnalyticsQuery } from '../../src/main/engine/loop/metrics/search-analytics';
import type { ServedList } from '../../src/main/engine/ranking';
import { openDatabase } from '../../src/main/engine/store';
import type { BenchFigures } from '../main';
import { percentile, round, scratchDir, seeded } from '../bench-util';

const DAY = 86_400_000;
const SLOTS = ['home', 'product', 'search'];
const K = 10;

function* lists(n: number, end: number): Generator<ServedList> {
  const random = seeded(3);
  const start = end - 30 * DAY;
  for (let i = 0; i < n; i++) {
    const slot = SLOTS[i % 3]!;
    const rule = i % 7 === 0 ? [`r-${1 + (i % 20)}`] : [];
    yield {
      rowid: i + 1,
      impressionId: `L${i}`,
      createdAt: start + Math.floor((i / n) * 30 * DAY),
      slot,
      shopperId: `U${i % 50_000}`,
      sessionId: null,
      query: slot === 'search' ? `query ${Math.floor(random() ** 2 * 5000)}` : null,
      weightsVersion: 1 + Math.floor((i / n) * 5),
      modelVersion: `text+m${i % 3}`,
      policy: 'weights',
      experiment: i % 4 === 0 ? { experimentId: `e-${1 + (i % 2)}`, armId: i % 8 === 0 ? 'a' : 'b' } : null,
      explored: i % 10 === 0,
      items: Array.from({ length: slot === 'search' && random() < 0.03 ? 0 : K }, (_, p) => ({ itemId: `P${p}`, position: p + 1, propensity: 1, ruleIds: p === 0 ? rule : [] })),
    };
  }
}

function reward(list: ServedList, seq: number, type: RewardRow['type'], position: number, first: boolean, before: number): RewardRow {
  return {
    seq,
    impressionId: list.impressionId,
    itemId: `P${position - 1}`,
    position,
    type,
    value: type === 'purchase' ? 25 : 0,
    quantity: 1,
    kind: 'explicit',
    reason: null,
    ts: list.createdAt + 60_000,
    late: false,
    outOfOrder: false,
    history: false,
    firstForItem: first,
    firstForList: first,
    listValueBefore: before,
  };
}

export async function metricsQueryLatency(total: number, repeats: number): Promise<BenchFigures> {
  const scratch = scratchDir('instinct-bench-metrics-');
  const db = openDatabase(join(scratch.dir, 'instinct.db'));
  try {
    const end = Date.now();
    const accumulator = new RollupAccumulator();
    const store = new RollupStore(db);
    const random = seeded(5);
    let seq = 0;
    const t0 = performance.now();
    for (const list of lists(total, end)) {
      accumulator.addList(list);
      if (list.items.length > 0 && random() < 0.3) {
        const position = 1 + Math.floor(random() * random() * K);
        accumulator.addReward(reward(list, ++seq, 'click', position, true, 0), list);
        if (random() < 0.1) accumulator.addReward(reward(list, ++seq, 'purchase', position, true, 0), list);
      }
      if (list.rowid % 20_000 === 0) store.write(accumulator.take());
    }
    store.write(accumulator.take());
    const foldSeconds = (performance.now() - t0) / 1000;
    const rows = (db.prepare('SELECT count(*) AS n FROM metric_rollups').get() as { n: number }).n;

    const reader = new RollupReader(db);
    const queries = new MetricsQueries(reader, (_d, k) => k, () => end);
    const search = new SearchAnalyticsQuery(db, () => end);
    const ranges = [1, 7, 30].map((days) => ({ from: end - days * DAY, to: end }));
    const dims: MetricDimension[] = ['all', 'slot', 'weights', 'model', 'rule', 'arm', 'policy'];
    // One Performance page load: KPI tiles, the breakdown table, the chart, the position curve, search analytics.
    const pageQueries: [string, () => unknown][] = ranges.flatMap((r) => [
      ...dims.map((dimension): [string, () => unknown] => [`summary-${dimension}`, () => queries.summary({ ...r, dimension })]),
      ['timeseries-hour', () => queries.timeseries({ ...r, dimension: 'weights', bucket: 'hour', metric: 'ctr', tzOffsetMinutes: 60, maxSeries: 6 })],
      ['timeseries-day', () => queries.timeseries({ ...r, dimension: 'slot', bucket: 'day', metric: 'conversionRate', tzOffsetMinutes: 60, maxSeries: 6 })],
      ['positions', () => queries.positions({ ...r, maxPosition: 20 })],
      ['search', () => search.analytics({ ...r, limit: 15, tzOffsetMinutes: 60 })],
    ]);
    const times: number[] = [];
    const byQuery = new Map<string, number[]>();
    for (let rep = 0; rep < repeats; rep++) {
      for (const [name, q] of pageQueries) {
        const t = performance.now();
        q();
        const ms = performance.now() - t;
        times.push(ms);
        byQuery.set(name, [...(byQuery.get(name) ?? []), ms]);
      }
    }
    const slowest = [...byQuery].map(([name, ts]) => [name, percentile(ts, 0.99)] as const).sort((a, b) => b[1] - a[1])[0]!;
    return {
      metrics_query_p99_ms: round(percentile(times, 0.99)),
      metrics_query_p50_ms: round(percentile(times, 0.5)),
      metrics_query_slowest: `${slowest[0]} p99 ${round(slowest[1])} ms`,
      metrics_lists: total,
      metrics_rollup_rows: rows,
      metrics_fold_seconds: round(foldSeconds, 1),
    };
  } finally {
    db.close();
    scratch.remove();
  }
}
