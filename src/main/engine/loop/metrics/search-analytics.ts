import type { Database, Statement } from 'better-sqlite3';
import type { QueryStats, SearchAnalytics } from '../../../../shared/contract';
import { rangeOf } from './metrics-queries';
import { HOUR_MS } from './rollup-keys';
import { localDays, type LocalDays } from './local-days';

const DAY_MS = 86_400_000;

interface QueryRow {
  id: number;
  query: string;
  searches: number;
  zero: number;
  clicked: number;
}

/**
 * Search analytics from the hourly search roll-ups: the most searched queries, the ones that found
 * nothing, and the ones with results nobody clicked, each with the count of the period before and
 * a per-day series (days in the viewer's time zone).
 */
export class SearchAnalyticsQuery {
  private readonly hourTotals: Statement;
  private readonly dayTotals: Statement;

  constructor(
    private readonly db: Database,
    private readonly clock: () => number = Date.now,
  ) {
    const sums = 'query_id AS id, SUM(searches) AS searches, SUM(zero_results) AS zero, SUM(clicked) AS clicked';
    this.hourTotals = db.prepare(`SELECT ${sums} FROM search_rollups WHERE bucket >= @from AND bucket < @to GROUP BY query_id`);
    this.dayTotals = db.prepare(`SELECT ${sums} FROM search_rollups_daily WHERE day >= @from AND day < @to GROUP BY query_id`);
  }

  analytics(req: { from?: number | undefined; to?: number | undefined; limit: number; tzOffsetMinutes: number; timeZone?: string | undefined }): SearchAnalytics {
    const { from, to } = rangeOf(req, this.clock());
    const range = { from: Math.floor(from / HOUR_MS) * HOUR_MS, to };
    const rows = this.totalsOf(range.from, range.to + 1);
    const byCount = (keep: (r: QueryRow) => boolean, by: (r: QueryRow) => number): QueryRow[] => rows.filter(keep).sort((a, b) => by(b) - by(a) || a.id - b.id);
    // Only the rows shown need their text (and ties are broken by text, as a reader expects).
    const shown = [...new Set([...byCount(() => true, (r) => r.searches).slice(0, req.limit * 3), ...byCount((r) => r.zero > 0, (r) => r.zero).slice(0, req.limit * 3), ...byCount((r) => r.searches - r.zero > 0 && r.clicked === 0, (r) => r.searches - r.zero).slice(0, req.limit * 3)])];
    this.nameQueries(shown);
    const pick = (keep: (r: QueryRow) => boolean, by: (r: QueryRow) => number): QueryRow[] =>
      shown
        .filter(keep)
        .sort((a, b) => by(b) - by(a) || a.query.localeCompare(b.query))
        .slice(0, req.limit);
    const top = pick(() => true, (r) => r.searches);
    const zeroResults = pick((r) => r.zero > 0, (r) => r.zero);
    const noClicks = pick((r) => r.searches - r.zero > 0 && r.clicked === 0, (r) => r.searches - r.zero);
    const trends = this.trends([...new Set([...top, ...zeroResults, ...noClicks])], range, localDays(req.timeZone, req.tzOffsetMinutes));
    const stats = (r: QueryRow): QueryStats => ({ query: r.query, searches: r.searches, zeroResults: r.zero, clicked: r.clicked, ...(trends.get(r.query) as Trend) });
    return { from, to, totalSearches: rows.reduce((n, r) => n + r.searches, 0), top: top.map(stats), zeroResults: zeroResults.map(stats), noClicks: noClicks.map(stats) };
  }

  /** Per query over hour buckets in [from, to): whole UTC days from the daily roll-up, the hours at either end from the hourly one. */
  private totalsOf(from: number, to: number): QueryRow[] {
    const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
    const lastDay = Math.floor(to / DAY_MS) * DAY_MS;
    const parts: Omit<QueryRow, 'query'>[][] =
      firstDay < lastDay
        ? [this.hourTotals.all({ from, to: firstDay }) as QueryRow[], this.dayTotals.all({ from: firstDay, to: lastDay }) as QueryRow[], this.hourTotals.all({ from: lastDay, to }) as QueryRow[]]
        : [this.hourTotals.all({ from, to }) as QueryRow[]];
    const byId = new Map<number, QueryRow>();
    for (const part of parts) {
      for (const r of part) {
        const seen = byId.get(r.id);
        if (seen) {
          seen.searches += r.searches;
          seen.zero += r.zero;
          seen.clicked += r.clicked;
        } else byId.set(r.id, { ...r, query: '' });
      }
    }
    return [...byId.values()];
  }

  private nameQueries(rows: QueryRow[]): void {
    if (rows.length === 0) return;
    const names = this.db.prepare(`SELECT query_id AS id, query FROM search_queries WHERE query_id IN (${rows.map((r) => r.id).join(', ')})`).all() as { id: number; query: string }[];
    const byId = new Map(names.map((n) => [n.id, n.query]));
    for (const r of rows) r.query = byId.get(r.id) ?? '';
  }

  /** For each query: its searches in the period of the same length before, and per day in the period (one query for all). */
  private trends(queries: readonly QueryRow[], range: { from: number; to: number }, localDay: LocalDays): Map<string, Trend> {
    const length = range.to - range.from;
    const dayOf = (t: number): number => localDay.numberOf(t);
    const first = dayOf(range.from);
    const days = Math.max(1, dayOf(range.to) - first + 1);
    const out = new Map(queries.map((q): [string, Trend] => [q.query, { previousSearches: 0, daily: new Array<number>(days).fill(0) }]));
    if (queries.length === 0) return out;
    const nameOf = new Map(queries.map((q) => [q.id, q.query]));
    const hourly = this.db
      .prepare(`SELECT query_id AS id, bucket, searches FROM search_rollups WHERE query_id IN (${queries.map((q) => q.id).join(', ')}) AND bucket BETWEEN ? AND ?`)
      .all(range.from - length, range.to) as { id: number; bucket: number; searches: number }[];
    for (const h of hourly) {
      const t = out.get(nameOf.get(h.id) as string) as Trend;
      if (h.bucket < range.from) t.previousSearches += h.searches;
      else {
        const i = dayOf(h.bucket) - first;
        if (i >= 0 && i < days) t.daily[i] = (t.daily[i] as number) + h.searches;
      }
    }
    return out;
  }
}

interface Trend {
  previousSearches: number;
  daily: number[];
}
