import { useAppStore } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { MetricName, MetricsRow } from '../../transport/contract';
import { formatEstimate } from '../../stores/loopMetrics';

const COLUMNS: MetricName[] = ['ctr', 'conversionRate', 'revenuePerMille', 'averageOrderValue', 'addToCartRate'];

function Cell({ row, metric }: { row: MetricsRow; metric: MetricName }) {
  const text = formatEstimate(metric, row.metrics[metric]);
  return (
    <td className="num" data-metric={metric} data-value={row.metrics[metric].value ?? ''}>
      {text.value ?? t('common.none')}
      {text.interval ? <div className="metric-ci">{text.interval}</div> : null}
    </td>
  );
}

/** One row per slot, version, rule, arm or policy, with the metrics and their intervals. */
export function BreakdownTable() {
  const summary = useAppStore('performance', (s) => s.breakdown);
  const error = useAppStore('performance', (s) => s.breakdownError);
  const dimension = useAppStore('performance', (s) => s.dimension);
  const rows = summary?.rows ?? [];
  return (
    <section className="panel" aria-labelledby="breakdown-title" data-testid="metrics-breakdown">
      <h2 id="breakdown-title">
        {(summary?.dimension ?? dimension) === 'all'
          ? t('performance.breakdown.titleAll')
          : t('performance.breakdown.title', { dimension: t(`performance.dimension.${summary?.dimension ?? dimension}`) })}
      </h2>
      {error ? <ErrorNotice message={error} /> : null}
      <div className="table-scroll">
        <table className="data-table breakdown-table">
          <thead>
            <tr>
              <th scope="col">{t('performance.breakdown.col.key')}</th>
              <th scope="col" className="num">
                {t('performance.breakdown.col.lists')}
              </th>
              <th scope="col" className="num">
                {t('performance.breakdown.col.clicks')}
              </th>
              <th scope="col" className="num">
                {t('performance.breakdown.col.orders')}
              </th>
              {COLUMNS.map((m) => (
                <th key={m} scope="col" className="num">
                  {t(`performance.metric.${m}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-testid="breakdown-row" data-key={row.key}>
                <th scope="row" className="cell-wrap">
                  {row.label || t('performance.series.all')}
                </th>
                <td className="num">{formatNumber(row.counts.lists)}</td>
                <td className="num">{formatNumber(row.counts.clicks)}</td>
                <td className="num">{formatNumber(row.counts.orders)}</td>
                {COLUMNS.map((m) => (
                  <Cell key={m} row={row} metric={m} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {summary && rows.length === 0 ? <p className="empty">{t('performance.breakdown.empty')}</p> : null}
      </div>
    </section>
  );
}
