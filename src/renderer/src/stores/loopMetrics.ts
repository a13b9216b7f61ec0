import type { AttributionStats, Estimate, MetricName, MetricsTimeseries, PositionCurve, QueryStats } from '../transport/contract';
import { ATTRIBUTION_KINDS, UNMATCHED_REASONS } from '../transport/contract';
import { formatMoney, formatRatePercent, formatSigned } from '../i18n/format';
import { isTimeZone } from '../transport/contract';

/** The metrics the Performance page leads with, in tile order. */
export const KPI_METRICS = ['ctr', 'conversionRate', 'revenuePerMille', 'averageOrderValue', 'addToCartRate'] as const satisfies readonly MetricName[];

/** Rates are shares (shown as percentages); the money metrics are amounts (shown with the currency). */
export function isMoneyMetric(metric: MetricName): boolean {
  return metric === 'revenuePerMille' || metric === 'averageOrderValue';
}

/** One figure of a metric: `3.45%` for rates, `$12.30` for money. */
export function formatMetricValue(metric: MetricName, value: number): string {
  return isMoneyMetric(metric) ? formatMoney(value) : formatRatePercent(value);
}

/** A difference between two figures of a metric: percentage points for rates (`+0.42 pp`), money for amounts. */
export function formatMetricDifference(metric: MetricName, difference: number): string {
  if (isMoneyMetric(metric)) {
    const sign = difference > 0 ? '+' : difference < 0 ? '−' : '';
    return `${sign}${formatMoney(Math.abs(difference))}`;
  }
  return `${formatSigned(difference * 100, 2)} pp`;
}

export interface EstimateText {
  /** The figure, or null when there is nothing to measure yet. */
  value: string | null;
  /** `low – high`, or null without an interval. */
  interval: string | null;
}

/** An estimate in words: its value, and its 95% interval as `low – high`. */
export function formatEstimate(metric: MetricName, estimate: Estimate | null | undefined): EstimateText {
  if (!estimate || estimate.value === null) return { value: null, interval: null };
  const value = formatMetricValue(metric, estimate.value);
  const interval = estimate.low !== null && estimate.high !== null ? `${formatMetricValue(metric, estimate.low)} – ${formatMetricValue(metric, estimate.high)}` : null;
  return { value, interval };
}

export const TIME_RANGES = ['24h', '7d', '30d'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];
export type Bucket = 'hour' | 'day';

const HOUR_MS = 3_600_000;
const RANGE_MS: Record<TimeRange, number> = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS, '30d': 30 * 24 * HOUR_MS };

/** The window a range covers, ending now. */
export function rangeWindow(range: TimeRange, now: number): { from: number; to: number } {
  return { from: now - RANGE_MS[range], to: now };
}

/** Hours for a day or a week, days for a month: enough points to see a shape, few enough to read. */
export function defaultBucket(range: TimeRange): Bucket {
  return range === '30d' ? 'day' : 'hour';
}

/**
 * The viewer's IANA zone, so the engine cuts each day at its own local midnight (a month that spans
 * a daylight-saving change is dated right); none when the runtime names no zone the contract knows.
 */
export function viewerTimeZone(): { timeZone: string } | Record<string, never> {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && isTimeZone(zone) ? { timeZone: zone } : {};
}

/** The viewer's offset from UTC in minutes east, so the engine cuts day buckets at local midnight. */
export function tzOffsetMinutes(date: Date = new Date()): number {
  return -date.getTimezoneOffset();
}

export interface ChartSeries {
  key: string;
  label: string;
  /** Keys into the chart rows: recharts reads dotted keys as paths, so series keys (which may hold dots) are not used. */
  valueKey: string;
  bandKey: string;
}

export type ChartRow = { t: number } & Record<string, number | [number, number] | null>;

/**
 * A timeseries as rows for recharts, one per bucket: each series' value under `s<i>` and its interval as
 * a `[low, high]` band under `s<i>band` (null where the bucket had no lists, or no interval: revenue with no orders).
 */
export function chartRows(timeseries: MetricsTimeseries): { rows: ChartRow[]; series: ChartSeries[] } {
  const series = timeseries.series.map((s, i) => ({ key: s.key, label: s.label, valueKey: `s${i}`, bandKey: `s${i}band` }));
  const byTime = new Map<number, ChartRow>();
  timeseries.series.forEach((s, i) => {
    const meta = series[i];
    if (!meta) return;
    for (const p of s.points) {
      const row = byTime.get(p.t) ?? ({ t: p.t } as ChartRow);
      row[meta.valueKey] = p.value;
      row[meta.bandKey] = p.low !== null && p.high !== null ? [p.low, p.high] : null;
      byTime.set(p.t, row);
    }
  });
  const rows = [...byTime.values()].sort((a, b) => a.t - b.t);
  // A series without a point in a bucket gets an explicit gap rather than an undefined key.
  for (const row of rows) {
    for (const meta of series) {
      if (!(meta.valueKey in row)) row[meta.valueKey] = null;
      if (!(meta.bandKey in row)) row[meta.bandKey] = null;
    }
  }
  return { rows, series };
}

export interface PositionRow {
  position: number;
  shown: number;
  clicked: number;
  ctr: number | null;
  /** Distances below and above the value, as recharts' ErrorBar wants them. */
  error: [number, number] | null;
}

/** The position-CTR curve as bars with whiskers. */
export function positionRows(curve: PositionCurve): PositionRow[] {
  return curve.points.map((p) => {
    const { value, low, high } = p.ctr;
    const error: [number, number] | null = value !== null && low !== null && high !== null ? [Math.max(0, value - low), Math.max(0, high - value)] : null;
    return { position: p.position, shown: p.shown, clicked: p.clicked, ctr: value, error };
  });
}

export interface QueryTrend {
  direction: 'up' | 'down' | 'flat' | 'new';
  /** Relative change against the previous period; null when it had no searches. */
  relative: number | null;
}

/** This period's searches against the period of the same length before it. */
export function queryTrend(q: Pick<QueryStats, 'searches' | 'previousSearches'>): QueryTrend {
  if (q.previousSearches === 0) return { direction: q.searches > 0 ? 'new' : 'flat', relative: null };
  const relative = (q.searches - q.previousSearches) / q.previousSearches;
  const direction = Math.abs(relative) < 0.005 ? 'flat' : relative > 0 ? 'up' : 'down';
  return { direction, relative };
}

/** Share of a query's searches with results that got a click; null when none had results. */
export function searchClickRate(q: Pick<QueryStats, 'searches' | 'zeroResults' | 'clicked'>): number | null {
  const withResults = q.searches - q.zeroResults;
  return withResults > 0 ? q.clicked / withResults : null;
}

export interface CountRow {
  key: string;
  count: number;
  /** Share of all rewards. */
  share: number | null;
}

/** Rewards by how they were attributed, in a fixed order (kinds the engine adds later come last). */
export function attributionKindRows(stats: AttributionStats): CountRow[] {
  return orderedCounts(stats.byKind, ATTRIBUTION_KINDS, stats.rewards);
}

/** Why rewards stayed unmatched, in a fixed order. */
export function unmatchedReasonRows(stats: AttributionStats): CountRow[] {
  const unmatched = stats.byKind.unmatched ?? Object.values(stats.unmatchedByReason).reduce((s, n) => s + n, 0);
  return orderedCounts(stats.unmatchedByReason, UNMATCHED_REASONS, unmatched).filter((r) => r.count > 0);
}

function orderedCounts(counts: Record<string, number>, order: readonly string[], total: number): CountRow[] {
  const keys = [...order, ...Object.keys(counts).filter((k) => !order.includes(k)).sort()];
  return keys.map((key) => {
    const count = counts[key] ?? 0;
    return { key, count, share: total > 0 ? count / total : null };
  });
}

export interface AttributionWindowsForm {
  clickWindowMinutes: string;
  cartWindowMinutes: string;
  purchaseWindowMinutes: string;
}

export const WINDOW_LIMITS: Record<keyof AttributionWindowsForm, { min: number; max: number }> = {
  clickWindowMinutes: { min: 1, max: 1440 },
  cartWindowMinutes: { min: 1, max: 10_080 },
  purchaseWindowMinutes: { min: 1, max: 10_080 },
};

/** The windows form as settings, or which fields are out of range. */
export function windowsFromForm(form: AttributionWindowsForm): { settings: Record<keyof AttributionWindowsForm, number> | null; invalid: Array<keyof AttributionWindowsForm> } {
  const invalid: Array<keyof AttributionWindowsForm> = [];
  const settings = {} as Record<keyof AttributionWindowsForm, number>;
  for (const field of Object.keys(WINDOW_LIMITS) as Array<keyof AttributionWindowsForm>) {
    const text = form[field].trim();
    const value = Number(text);
    const { min, max } = WINDOW_LIMITS[field];
    if (text === '' || !Number.isInteger(value) || value < min || value > max) invalid.push(field);
    else settings[field] = value;
  }
  return { settings: invalid.length === 0 ? settings : null, invalid };
}

/** A daily series as SVG polyline points in a `width` x `height` box (flat at the bottom when all zero). */
export function sparklinePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 0);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width / 2;
      const y = max > 0 ? height - (v / max) * height : height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
