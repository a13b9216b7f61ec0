import type { Database } from 'better-sqlite3';
import {
  AttributionSettings,
  type AttributionStats,
  type MetricsSummary,
  type MetricsSummaryRequest,
  type MetricsTimeseries,
  type MetricsTimeseriesRequest,
  type PositionCurve,
  type PositionCurveRequest,
  type SearchAnalytics,
} from '../../../shared/contract';
import { servedListOf, type ImpressionLog, type ImpressionRow, type ServedList } from '../ranking';
import { VersionedConfig, type AuditLog, type EventRepository } from '../store';
import { AttributionService } from './attribution/attribution-service';
import { DEFAULT_ATTRIBUTION } from './attribution/attribution-windows';
import { RecentLists, type RecentListsOptions } from './attribution/recent-lists';
import { RewardLog, type RewardRow } from './attribution/reward-log';
import { MetricsQueries, type LabelOf } from './metrics/metrics-queries';
import { RollupAccumulator } from './metrics/rollup-accumulator';
import { RollupReader } from './metrics/rollup-reader';
import { RollupStore } from './metrics/rollup-store';
import { SearchAnalyticsQuery } from './metrics/search-analytics';

export interface LoopDeps {
  readonly events: EventRepository;
  readonly impressions: ImpressionLog;
  readonly audit: AuditLog;
  readonly priceOf: (itemId: string) => number | undefined;
  readonly labelOf: LabelOf;
  /** Called after each roll-up flush (experiments move bandit traffic and check guardrails then). */
  readonly onFlushed?: () => void;
  readonly clock?: () => number;
  /** How often pending roll-ups are written (default 1 s). */
  readonly flushEveryMs?: number;
  readonly recentLists?: RecentListsOptions;
  /** false: events are stored without being joined to lists (an ingest-only engine; the loop bench's baseline). */
  readonly attribution?: boolean;
  /** Committed rewards with their lists, after the roll-ups took them (query suggestions learn from them). */
  readonly onRewards?: (rewards: readonly { reward: RewardRow; list: ServedList | undefined }[]) => void;
}

const CATCH_UP_CHUNK = 5_000;

/**
 * The measurement half of the loop, composed: lists and rewards are recorded as they happen
 * (attribution runs inside each ingest transaction), counters are folded into hourly roll-ups in
 * memory and written about once a second with watermarks; on start the roll-ups catch up with
 * whatever the last run logged but had not folded in.
 */
export class LoopService {
  readonly attributionSettings: VersionedConfig<typeof AttributionSettings>;
  readonly lists: RecentLists;
  private readonly reader: RollupReader;
  private readonly queries: MetricsQueries;
  private readonly search: SearchAnalyticsQuery;
  private readonly rewards: RewardLog;
  private readonly accumulator = new RollupAccumulator();
  private readonly store: RollupStore;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  /** The last roll-up write failed (its deltas are still pending). */
  private writeFailing = false;

  constructor(
    private readonly db: Database,
    private readonly deps: LoopDeps,
  ) {
    this.attributionSettings = new VersionedConfig(db, 'attribution', AttributionSettings, DEFAULT_ATTRIBUTION, deps.audit);
    this.lists = new RecentLists(db, deps.recentLists);
    this.rewards = new RewardLog(db);
    this.store = new RollupStore(db);
    this.reader = new RollupReader(db);
    this.queries = new MetricsQueries(this.reader, deps.labelOf, deps.clock);
    this.search = new SearchAnalyticsQuery(db, deps.clock);
    this.catchUp();
    deps.impressions.onWrite((list) => {
      this.lists.add(list);
      this.accumulator.addList(list);
    });
    if (deps.attribution !== false) this.attachAttribution(deps);
    this.timer = setInterval(() => this.flush(), deps.flushEveryMs ?? 1000);
    this.timer.unref();
  }

  private attachAttribution(deps: LoopDeps): void {
    const attribution = new AttributionService({
      lists: this.lists,
      rewards: this.rewards,
      settings: () => this.attributionSettings.get(),
      priceOf: deps.priceOf,
      latestTs: (shopperId) => deps.events.latestEventTs(shopperId),
      onRewards: (rewards, duplicates) => {
        for (const r of rewards) this.accumulator.addReward(r.reward, r.list);
        this.accumulator.addDuplicates(duplicates);
        if (rewards.length > 0) deps.onRewards?.(rewards);
      },
    });
    deps.events.observe(attribution);
  }

  /** Drops what attribution holds in memory about a shopper (an erasure; the store rows go separately). */
  forgetShopper(shopperId: string): void {
    this.lists.forgetShopper(shopperId);
  }

  /**
   * Writes pending roll-ups now (queries call this first, so they see every list and reward so far).
   * Never throws: it runs on a timer, where a throw ended the process. A failed write (a busy or full
   * disk) rolled back whole, so its deltas are taken only once written and the next flush tries again;
   * until then queries answer from what is stored.
   */
  flush(): void {
    if (this.closed || this.accumulator.empty) return;
    try {
      this.store.write(this.accumulator.peek());
    } catch (err) {
      // Once per run of failures: the timer retries every second.
      if (!this.writeFailing) console.error('[loop] writing roll-ups failed; keeping them for the next flush:', err);
      this.writeFailing = true;
      return;
    }
    if (this.writeFailing) console.info('[loop] roll-ups written again');
    this.writeFailing = false;
    this.accumulator.take();
    try {
      this.deps.onFlushed?.();
    } catch (err) {
      // Experiments' bookkeeping must not fail the request that happened to flush.
      console.error('[loop] after-flush work failed:', err);
    }
  }

  // Every read first writes the pending roll-ups, so it sees every list and reward so far.
  summary(req: MetricsSummaryRequest): MetricsSummary {
    this.flush();
    return this.queries.summary(req);
  }

  timeseries(req: MetricsTimeseriesRequest): MetricsTimeseries {
    this.flush();
    return this.queries.timeseries(req);
  }

  positions(req: PositionCurveRequest): PositionCurve {
    this.flush();
    return this.queries.positions(req);
  }

  searchAnalytics(req: { from?: number | undefined; to?: number | undefined; limit: number; tzOffsetMinutes: number; timeZone?: string | undefined }): SearchAnalytics {
    this.flush();
    return this.search.analytics(req);
  }

  /** Summed counts per dimension value (experiments read their arms with this). */
  countsByValue(...args: Parameters<RollupReader['countsByValue']>): ReturnType<RollupReader['countsByValue']> {
    this.flush();
    return this.reader.countsByValue(...args);
  }

  /** The same counts per hour (a bandit's arms are compared within periods of fixed shares). */
  countsByValueAndHour(...args: Parameters<RollupReader['countsByValueAndHour']>): ReturnType<RollupReader['countsByValueAndHour']> {
    this.flush();
    return this.reader.countsByValueAndHour(...args);
  }

  attributionStats(): AttributionStats {
    this.flush();
    const counts = this.store.attributionCounts();
    const pick = (prefix: string): Record<string, number> =>
      Object.fromEntries([...counts].filter(([k]) => k.startsWith(prefix)).map(([k, n]) => [k.slice(prefix.length), n]));
    return {
      rewards: counts.get('rewards') ?? 0,
      byKind: pick('kind:'),
      unmatchedByReason: pick('reason:'),
      late: counts.get('late') ?? 0,
      outOfOrder: counts.get('out-of-order') ?? 0,
      history: counts.get('history') ?? 0,
      repeats: counts.get('repeats') ?? 0,
      duplicates: counts.get('duplicates') ?? 0,
    };
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
    this.closed = true;
  }

  /** Folds in the lists and rewards logged after the stored roll-ups' watermarks (after a crash, or an upgrade). */
  private catchUp(): void {
    const marks = this.store.watermarks();
    const listsAfter = this.db.prepare('SELECT rowid, * FROM impressions WHERE rowid > ? ORDER BY rowid LIMIT ?');
    for (let after = marks.listRowid; ; ) {
      const rows = listsAfter.all(after, CATCH_UP_CHUNK) as ImpressionRow[];
      if (rows.length === 0) break;
      for (const row of rows) this.accumulator.addList(servedListOf(row));
      after = (rows.at(-1) as ImpressionRow).rowid;
      this.store.write(this.accumulator.take());
    }
    for (let after = marks.rewardSeq; ; ) {
      const rows = this.rewards.since(after, CATCH_UP_CHUNK);
      if (rows.length === 0) break;
      for (const r of rows) this.accumulator.addReward(r, r.impressionId === null ? undefined : this.lists.get(r.impressionId));
      after = (rows.at(-1) as (typeof rows)[number]).seq;
      this.store.write(this.accumulator.take());
    }
  }
}
