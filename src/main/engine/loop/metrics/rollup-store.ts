import type { Database, Statement } from 'better-sqlite3';
import { COUNT_COLUMNS, COUNT_FIELDS } from './loop-counts';
import type { PendingRollups } from './rollup-accumulator';

const DAY_MS = 86_400_000;
const LIST_WATERMARK = 'rollups.list_rowid';
const REWARD_WATERMARK = 'rollups.reward_seq';

/**
 * Writes pending roll-up deltas in one transaction together with the watermarks (the last list and
 * reward folded in), so after a crash exactly the lists and rewards beyond them are folded again.
 */
export class RollupStore {
  private readonly upsertMetric: Statement;
  private readonly upsertPosition: Statement;
  private readonly upsertSearch: Statement;
  private readonly upsertSearchDay: Statement;
  private readonly insertQuery: Statement<[string], { query_id: number }>;
  /** Normalised query -> its id (queries are few next to searches). */
  private readonly queryIds = new Map<string, number>();
  private readonly upsertAttribution: Statement<[string, number]>;
  private readonly readState: Statement<[string], { value: number }>;
  private readonly writeState: Statement<[string, number]>;

  constructor(private readonly db: Database) {
    const columns = COUNT_FIELDS.map((f) => COUNT_COLUMNS[f]);
    this.upsertMetric = db.prepare(`INSERT INTO metric_rollups (dim, value, slot, bucket, ${columns.join(', ')})
      VALUES (@dim, @value, @slot, @bucket, ${COUNT_FIELDS.map((f) => `@${f}`).join(', ')})
      ON CONFLICT (dim, slot, value, bucket) DO UPDATE SET ${columns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`);
    this.upsertPosition = db.prepare(`INSERT INTO position_rollups (slot, explored, position, bucket, shown, clicked) VALUES (@slot, @explored, @position, @bucket, @shown, @clicked)
      ON CONFLICT (slot, explored, position, bucket) DO UPDATE SET shown = shown + excluded.shown, clicked = clicked + excluded.clicked`);
    this.upsertSearch = db.prepare(`INSERT INTO search_rollups (query_id, bucket, searches, zero_results, clicked) VALUES (@queryId, @bucket, @searches, @zeroResults, @clicked)
      ON CONFLICT (query_id, bucket) DO UPDATE SET searches = searches + excluded.searches, zero_results = zero_results + excluded.zero_results, clicked = clicked + excluded.clicked`);
    this.insertQuery = db.prepare('INSERT INTO search_queries (query) VALUES (?) ON CONFLICT (query) DO UPDATE SET query = query RETURNING query_id');
    this.upsertSearchDay = db.prepare(`INSERT INTO search_rollups_daily (query_id, day, searches, zero_results, clicked) VALUES (@queryId, @day, @searches, @zeroResults, @clicked)
      ON CONFLICT (query_id, day) DO UPDATE SET searches = searches + excluded.searches, zero_results = zero_results + excluded.zero_results, clicked = clicked + excluded.clicked`);
    this.upsertAttribution = db.prepare('INSERT INTO attribution_counts (key, n) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET n = n + excluded.n');
    this.readState = db.prepare('SELECT value FROM loop_state WHERE name = ?');
    this.writeState = db.prepare('INSERT INTO loop_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)');
  }

  write(p: Readonly<PendingRollups>): void {
    try {
      this.writeAll(p);
    } catch (err) {
      // The transaction rolled back, query ids it inserted included: forget them, or a retry would
      // write counts under an id no query row has.
      this.queryIds.clear();
      throw err;
    }
  }

  private writeAll(p: Readonly<PendingRollups>): void {
    this.db.transaction(() => {
      for (const m of p.metrics.values()) this.upsertMetric.run({ dim: m.dim, value: m.value, slot: m.slot, bucket: m.bucket, ...m.counts });
      for (const r of p.positions.values()) this.upsertPosition.run({ ...r, explored: r.explored ? 1 : 0 });
      const days = new Map<string, { queryId: number; day: number; searches: number; zeroResults: number; clicked: number }>();
      for (const s of p.searches.values()) {
        const queryId = this.queryId(s.query);
        this.upsertSearch.run({ queryId, bucket: s.bucket, searches: s.searches, zeroResults: s.zeroResults, clicked: s.clicked });
        const day = Math.floor(s.bucket / DAY_MS) * DAY_MS;
        const key = `${queryId}\u0000${day}`;
        const d = days.get(key);
        if (d) {
          d.searches += s.searches;
          d.zeroResults += s.zeroResults;
          d.clicked += s.clicked;
        } else days.set(key, { queryId, day, searches: s.searches, zeroResults: s.zeroResults, clicked: s.clicked });
      }
      for (const d of days.values()) this.upsertSearchDay.run(d);
      for (const [key, n] of p.attribution) this.upsertAttribution.run(key, n);
      if (p.lastListRowid > 0) this.writeState.run(LIST_WATERMARK, p.lastListRowid);
      if (p.lastRewardSeq > 0) this.writeState.run(REWARD_WATERMARK, p.lastRewardSeq);
    })();
  }

  private queryId(query: string): number {
    let id = this.queryIds.get(query);
    if (id === undefined) {
      id = (this.insertQuery.get(query) as { query_id: number }).query_id;
      this.queryIds.set(query, id);
    }
    return id;
  }

  /** The last list rowid and reward seq the stored roll-ups include. */
  watermarks(): { listRowid: number; rewardSeq: number } {
    return { listRowid: this.readState.get(LIST_WATERMARK)?.value ?? 0, rewardSeq: this.readState.get(REWARD_WATERMARK)?.value ?? 0 };
  }

  attributionCounts(): Map<string, number> {
    return new Map((this.db.prepare('SELECT key, n FROM attribution_counts').all() as { key: string; n: number }[]).map((r) => [r.key, r.n]));
  }
}
