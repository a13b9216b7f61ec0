import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../app/StoresContext';
import { useNow } from '../../components/useNow';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { currentRate, rateSeries } from '../../stores/eventRate';

/** Events per second over the last minute, from the push stream; redrawn each second so it slides. */
export function EventRateChart() {
  const buckets = useAppStore('live', (s) => s.rateBuckets);
  const now = useNow(1000);
  const series = rateSeries(buckets, now);
  return (
    <section className="panel panel--chart" aria-labelledby="live-rate-title">
      <div className="panel-head">
        <h2 id="live-rate-title">{t('live.rate.title')}</h2>
        <span className="muted" aria-live="off">
          {t('live.rate.now', { rate: formatNumber(currentRate(buckets, now)) })}
        </span>
      </div>
      {/* The chart is decorative for screen readers; the current rate above carries the figure. */}
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={series} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
            <XAxis dataKey="offset" tickFormatter={(v: number) => `${v}s`} interval={14} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} width={40} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v) => [formatNumber(Number(v)), t('live.rate.series')]} labelFormatter={(v) => `${String(v)}s`} />
            <Area type="monotone" dataKey="eventsPerSecond" stroke="#2f6fdf" fill="#2f6fdf" fillOpacity={0.2} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
