import type { Database } from 'better-sqlite3';
import type { LoopCounts, MetricDimension } from '../../../../shared/contract';
import { COUNT_COLUMNS, COUNT_FIELDS, emptyCounts } from './loop-counts';
import { HOUR_MS } from './rollup-keys';

export interface RollupQuery {
  readonly from: number;
  readonly to: number;
  /** Only these slots (all when absent). */
  readonly slots?: readonly string[];
  /** Only these dimension values (all when absent). */
  readonly values?: readonly string[];
}

type CountRow = Record<(typeof COUNT_FIELDS)[number], number>;

const SUMS = COUNT_FIELDS.map((f) => `SUM(${COUNT_COLUMNS[f]}) AS ${f}`).join(', ');

function toCounts(row: CountRow): LoopCounts {
  const c = emptyCounts();
  // A sum that is not finite holds a purchase stored before the price ceiling (an Infinity it can no
  // longer be told apart from): read as 0, so the rest of the figures still answer, not a 500 forever.
  for (const f of COUNT_FIELDS) c[f] = Number.isFinite(row[f]) ? row[f] : 0;
  return c;
}

/**
 * Sums of the hourly roll-ups. A list counts in the hour it was served, so a range covers whole
 * hours: from its first hour to the hour of `to`.
 */
export class RollupReader {
  constructor(private readonly db: Database) {}

  /** Counts per value of a dimension ('slot' groups the 'all' rows by slot). */
  countsByValue(dim: MetricDimension, q: RollupQuery): Map<string, LoopCounts> {
    const { where, params } = this.where(dim, q);
    const group = dim === 'slot' ? 'slot' : 'value';
    const rows = this.db.prepare(`SELECT ${group} AS key, ${SUMS} FROM metric_rollups WHERE ${where} GROUP BY ${group}`).all(params) as (CountRow & { key: string })[];
    return new Map(rows.map((r) => [r.key, toCounts(r)]));
  }

  /** Counts per value and hour bucket. */
  countsByValueAndHour(dim: MetricDimension, q: RollupQuery): { key: string; bucket: number; counts: LoopCounts }[] {
    const { where, params } = this.where(dim, q);
    const group = dim === 'slot' ? 'slot' : 'value';
    const rows = this.db.prepare(`SELECT ${group} AS key, bucket, ${SUMS} FROM metric_rollups WHERE ${where} GROUP BY ${group}, bucket ORDER BY bucket`).all(params) as (CountRow & { key: string; bucket: number })[];
    return rows.map((r) => ({ key: r.key, bucket: r.bucket, counts: toCounts(r) }));
  }

  /** Items shown and first clicks per position, for the position-CTR curve. */
  positions(q: RollupQuery & { maxPosition: number; explored?: boolean }): { position: number; shown: number; clicked: number }[] {
    const params: Record<string, number | string> = { from: bucketFloor(q.from), to: q.to, max: q.maxPosition };
    const clauses = ['bucket BETWEEN @from AND @to', 'position <= @max'];
    if (q.explored !== undefined) {
      clauses.push('explored = @explored');
      params.explored = q.explored ? 1 : 0;
    }
    clauses.push(...slotClause(q.slots, params));
    return this.db
      .prepare(`SELECT position, SUM(shown) AS shown, SUM(clicked) AS clicked FROM position_rollups WHERE ${clauses.join(' AND ')} GROUP BY position ORDER BY position`)
      .all(params) as { position: number; shown: number; clicked: number }[];
  }

  private where(dim: MetricDimension, q: RollupQuery): { where: string; params: Record<string, number | string> } {
    const params: Record<string, number | string> = { dim: dim === 'slot' ? 'all' : dim, from: bucketFloor(q.from), to: q.to };
    const clauses = ['dim = @dim', 'bucket BETWEEN @from AND @to', ...slotClause(q.slots, params)];
    if (q.values) {
      q.values.forEach((v, i) => (params[`v${i}`] = v));
      clauses.push(q.values.length ? `value IN (${q.values.map((_, i) => `@v${i}`).join(', ')})` : '0');
    }
    return { where: clauses.join(' AND '), params };
  }
}

function bucketFloor(t: number): number {
  return Math.floor(t / HOUR_MS) * HOUR_MS;
}

function slotClause(slots: readonly string[] | undefined, params: Record<string, number | string>): string[] {
  if (!slots) return [];
  slots.forEach((s, i) => (params[`s${i}`] = s));
  return [slots.length ? `slot IN (${slots.map((_, i) => `@s${i}`).join(', ')})` : '0'];
}
