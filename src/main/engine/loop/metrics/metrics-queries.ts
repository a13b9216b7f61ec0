import type {
  MetricDimension,
  MetricsSummary,
  MetricsSummaryRequest,
  MetricsTimeseries,
  MetricsTimeseriesRequest,
  PositionCurve,
  PositionCurveRequest,
} from '../../../../shared/contract';
import { wilson } from './intervals';
import { addCounts, emptyCounts } from './loop-counts';
import { metricOf, metricsOf } from './loop-metrics';
import type { RollupReader } from './rollup-reader';
import { localDays } from './local-days';

const DAY_MS = 86_400_000;
const DEFAULT_RANGE_MS = 7 * DAY_MS;

export type LabelOf = (dim: MetricDimension, key: string) => string;

/** A request's time range: to defaults to now, from to a week before to. */
export function rangeOf(req: { from?: number | undefined; to?: number | undefined }, now: number): { from: number; to: number } {
  const to = req.to ?? now;
  return { from: Math.min(req.from ?? to - DEFAULT_RANGE_MS, to), to };
}

/** The Performance page's queries over the roll-ups: every figure with its interval. */
export class MetricsQueries {
  constructor(
    private readonly reader: RollupReader,
    private readonly labelOf: LabelOf,
    private readonly clock: () => number = Date.now,
  ) {}

  summary(req: MetricsSummaryRequest): MetricsSummary {
    const { from, to } = rangeOf(req, this.clock());
    const counts = this.reader.countsByValue(req.dimension, { from, to, ...(req.slot ? { slots: [req.slot] } : {}) });
    let entries = [...counts];
    if (req.dimension === 'arm' && req.experimentId) entries = entries.filter(([key]) => key.startsWith(`${req.experimentId}:`));
    const rows = entries
      .sort((a, b) => b[1].lists - a[1].lists || a[0].localeCompare(b[0]))
      .map(([key, c]) => ({ key, label: this.labelOf(req.dimension, key), counts: c, metrics: metricsOf(c) }));
    if (req.dimension === 'all' && rows.length === 0) rows.push({ key: '', label: this.labelOf('all', ''), counts: emptyCounts(), metrics: metricsOf(emptyCounts()) });
    return { from, to, dimension: req.dimension, slot: req.slot ?? null, rows };
  }

  timeseries(req: MetricsTimeseriesRequest): MetricsTimeseries {
    const { from, to } = rangeOf(req, this.clock());
    const hourly = this.reader.countsByValueAndHour(req.dimension, { from, to, ...(req.slot ? { slots: [req.slot] } : {}) });
    const days = localDays(req.timeZone, req.tzOffsetMinutes);
    const bucketOf = (t: number): number => (req.bucket === 'hour' ? t : days.startOf(t));
    const series = new Map<string, { total: number; buckets: Map<number, ReturnType<typeof emptyCounts>> }>();
    for (const row of hourly) {
      let s = series.get(row.key);
      if (!s) {
        s = { total: 0, buckets: new Map() };
        series.set(row.key, s);
      }
      s.total += row.counts.lists;
      const b = bucketOf(row.bucket);
      s.buckets.set(b, addCounts(s.buckets.get(b) ?? emptyCounts(), row.counts));
    }
    const kept = [...series].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0])).slice(0, req.maxSeries);
    return {
      from,
      to,
      bucket: req.bucket,
      metric: req.metric,
      series: kept.map(([key, s]) => ({
        key,
        label: this.labelOf(req.dimension, key),
        points: [...s.buckets].sort((a, b) => a[0] - b[0]).map(([t, c]) => ({ t, lists: c.lists, ...metricOf(c, req.metric) })),
      })),
    };
  }

  positions(req: PositionCurveRequest): PositionCurve {
    const { from, to } = rangeOf(req, this.clock());
    const rows = this.reader.positions({ from, to, maxPosition: req.maxPosition, ...(req.slot ? { slots: [req.slot] } : {}), ...(req.explored !== undefined ? { explored: req.explored } : {}) });
    return {
      from,
      to,
      lists: req.explored === undefined ? 'all' : req.explored ? 'explored' : 'deterministic',
      points: rows.map((r) => ({ position: r.position, shown: r.shown, clicked: r.clicked, ctr: wilson(r.clicked, r.shown) })),
    };
  }
}
