import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBucket, timeZoneName } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { METRIC_NAMES, type MetricName } from '../../transport/contract';
import { chartRows, formatMetricValue, type Bucket, type ChartRow, type ChartSeries } from '../../stores/loopMetrics';
import { seriesColour } from './chartColours';

interface TooltipProps {
  active?: boolean;
  label?: number | string;
  series: ChartSeries[];
  metric: MetricName;
  bucket: Bucket;
  payload?: ReadonlyArray<{ payload?: ChartRow }>;
}

function SeriesTooltip({ active, payload, series, metric, bucket }: TooltipProps) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatBucket(row.t, bucket)}</strong>
      {series.map((s, i) => {
        const value = row[s.valueKey];
        const band = row[s.bandKey];
        if (typeof value !== 'number') return null;
        return (
          <div key={s.key}>
            <span className="legend-swatch" style={{ background: seriesColour(i) }} aria-hidden="true" /> {s.label || t('performance.series.all')}: {formatMetricValue(metric, value)}
            {Array.isArray(band) ? <span className="muted"> ({formatMetricValue(metric, band[0])} – {formatMetricValue(metric, band[1])})</span> : null}
          </div>
        );
      })}
    </div>
  );
}

/** Latest value of each series in words: the chart's text for screen readers. */
function summary(rows: ChartRow[], series: ChartSeries[], metric: MetricName): string {
  const parts = series.map((s) => {
    const last = [...rows].reverse().find((r) => typeof r[s.valueKey] === 'number');
    const value = last ? last[s.valueKey] : null;
    return t('performance.chart.latest', { series: s.label || t('performance.series.all'), value: typeof value === 'number' ? formatMetricValue(metric, value) : t('common.none') });
  });
  return parts.join('; ');
}

/** The chosen metric over time, one line per series (slot, version, arm …) with its 95% interval as a band. */
export function MetricChart() {
  const { performance } = useAppStores();
  const timeseries = useAppStore('performance', (s) => s.timeseries);
  const error = useAppStore('performance', (s) => s.timeseriesError);
  const metric = useAppStore('performance', (s) => s.metric);
  const bucket = useAppStore('performance', (s) => s.bucket);
  const { rows, series } = timeseries ? chartRows(timeseries) : { rows: [], series: [] };
  const shownMetric = timeseries?.metric ?? metric;
  const shownBucket = timeseries?.bucket ?? bucket;
  const hasData = rows.some((r) => series.some((s) => typeof r[s.valueKey] === 'number'));
  return (
    <section className="panel" aria-labelledby="performance-chart-title" data-testid="metric-chart" data-series={series.length} data-points={rows.length}>
      <div className="panel-head">
        <h2 id="performance-chart-title">{t('performance.chart.title')}</h2>
        <div className="panel-tools">
          <label className="inline-field">
            <span>{t('performance.chart.metric')}</span>
            <select data-testid="chart-metric" value={metric} onChange={(e) => performance.getState().setMetric(e.target.value as MetricName)}>
              {METRIC_NAMES.map((m) => (
                <option key={m} value={m}>
                  {t(`performance.metric.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>{t('performance.chart.bucket')}</span>
            <select data-testid="chart-bucket" value={bucket} onChange={(e) => performance.getState().setBucket(e.target.value as Bucket)}>
              <option value="hour">{t('performance.bucket.hour')}</option>
              <option value="day">{t('performance.bucket.day')}</option>
            </select>
          </label>
        </div>
      </div>
      {error ? <ErrorNotice message={error} /> : null}
      {hasData ? (
        <figure className="chart-figure">
          <div className="chart-box chart-box--tall" role="img" aria-label={t('performance.chart.label', { metric: t(`performance.metric.${shownMetric}`) })}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 4 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatBucket(v, shownBucket)} minTickGap={24} />
                <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={(v: number) => formatMetricValue(shownMetric, v)} />
                <Tooltip content={<SeriesTooltip series={series} metric={shownMetric} bucket={shownBucket} />} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {series.map((s, i) => (
                  <Area key={`${s.key}-band`} dataKey={s.bandKey} stroke="none" fill={seriesColour(i)} fillOpacity={0.15} dot={false} activeDot={false} legendType="none" isAnimationActive={false} connectNulls={false} tooltipType="none" />
                ))}
                {series.map((s, i) => (
                  <Line key={s.key} dataKey={s.valueKey} name={s.label || t('performance.series.all')} stroke={seriesColour(i)} strokeWidth={2} dot={rows.length < 40} isAnimationActive={false} connectNulls={false} />
                ))}
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="muted small">
            {summary(rows, series, shownMetric)}. {t('performance.chart.caption', { zone: timeZoneName() })}
          </figcaption>
        </figure>
      ) : (
        <p className="empty">{timeseries ? t('performance.chart.empty') : t('common.loading')}</p>
      )}
    </section>
  );
}
