import type { Database, Statement } from 'better-sqlite3';
import type { QueryStats, SearchAnalytics } from '../../../../shared/contract';
import { rangeOf } from './metrics-queries';
import { HOUR_MS } from './rollup-keys';

const DAY_MS = 86_400_000;

interface QueryRow {
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
  private readonly totals: Statement;
  private readonly total: Statement;
  private readonly previous: Statement;
  private readonly hourly: Statement;

  constructor(db: Database, private readonly clock: () => number = Date.now) {
    const sums = 'query, SUM(searches) AS searches, SUM(zero_results) AS zero, SUM(clicked) AS clicked';
    this.totals = db.prepare(`SELECT ${sums} FROM search_rollups WHERE bucket BETWEEN @from AND @to GROUP BY query`);
    this.total = db.prepare('SELECT COALESCE(SUM(searches), 0) AS n FROM search_rollups WHERE bucket BETWEEN @from AND @to');
    this.previous = db.prepare('SELECT COALESCE(SUM(searches), 0) AS n FROM search_rollups WHERE query = @query AND bucket BETWEEN @from AND @to');
    this.hourly = db.prepare('SELECT bucket, searches FROM search_rollups WHERE query = @query AND bucket BETWEEN @from AND @to');
  }

  analytics(req: { from?: number | undefined; to?: number | undefined; limit: number; tzOffsetMinutes: number }): SearchAnalytics {
    const { from, to } = rangeOf(req, this.clock());
    const range = { from: Math.floor(from / HOUR_MS) * HOUR_MS, to };
    const rows = this.totals.all(range) as QueryRow[];
    const pick = (keep: (r: QueryRow) => boolean, by: (r: QueryRow) => number): QueryStats[] =>
      rows
        .filter(keep)
        .sort((a, b) => by(b) - by(a) || a.query.localeCompare(b.query))
        .slice(0, req.limit)
        .map((r) => this.stats(r, range, req.tzOffsetMinutes));
    return {
      from,
      to,
      totalSearches: (this.total.get(range) as { n: number }).n,
      top: pick(() => true, (r) => r.searches),
      zeroResults: pick((r) => r.zero > 0, (r) => r.zero),
      noClicks: pick((r) => r.searches - r.zero > 0 && r.clicked === 0, (r) => r.searches - r.zero),
    };
  }

  private stats(r: QueryRow, range: { from: number; to: number }, tzOffsetMinutes: number): QueryStats {
    const length = range.to - range.from;
    const previous = (this.previous.get({ query: r.query, from: range.from - length, to: range.from - 1 }) as { n: number }).n;
    const offset = tzOffsetMinutes * 60_000;
    const dayOf = (t: number): number => Math.floor((t + offset) / DAY_MS);
    const first = dayOf(range.from);
    const daily = new Array<number>(Math.max(1, dayOf(range.to) - first + 1)).fill(0);
    for (const h of this.hourly.all({ query: r.query, ...range }) as { bucket: number; searches: number }[]) {
      const i = dayOf(h.bucket) - first;
      if (i >= 0 && i < daily.length) daily[i] = (daily[i] as number) + h.searches;
    }
    return { query: r.query, searches: r.searches, zeroResults: r.zero, clicked: r.clicked, previousSearches: previous, daily };
  }
}
