import { useAppStore } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatMoney, formatNumber, formatTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { LoopCounts, MetricName, MetricsRow } from '../../transport/contract';
import { formatEstimate, KPI_METRICS } from '../../stores/loopMetrics';

/** Stable test ids for the tiles (`kpi-ctr` …), independent of the contract's metric names. */
export const KPI_TEST_IDS: Record<(typeof KPI_METRICS)[number], string> = {
  ctr: 'kpi-ctr',
  conversionRate: 'kpi-conversion',
  revenuePerMille: 'kpi-revenue-per-mille',
  averageOrderValue: 'kpi-aov',
  addToCartRate: 'kpi-add-to-cart',
};

/** What each tile's figure is made of, in counts. */
function basis(metric: MetricName, c: LoopCounts): string {
  switch (metric) {
    case 'ctr':
      return t('performance.kpi.basis.ctr', { clicked: formatNumber(c.clickedItems), shown: formatNumber(c.items) });
    case 'addToCartRate':
      return t('performance.kpi.basis.cart', { carted: formatNumber(c.cartedItems), shown: formatNumber(c.items) });
    case 'conversionRate':
      return t('performance.kpi.basis.conversion', { purchased: formatNumber(c.purchasedLists), lists: formatNumber(c.lists) });
    case 'averageOrderValue':
      return t('performance.kpi.basis.aov', { orders: formatNumber(c.orders) });
    default:
      return t('performance.kpi.basis.lists', { lists: formatNumber(c.lists) });
  }
}

function Tile({ metric, row }: { metric: (typeof KPI_METRICS)[number]; row: MetricsRow | null }) {
  const estimate = row?.metrics[metric] ?? null;
  const text = formatEstimate(metric, estimate);
  return (
    <div
      className="kpi-tile"
      data-testid={KPI_TEST_IDS[metric]}
      data-value={estimate?.value ?? ''}
      data-low={estimate?.low ?? ''}
      data-high={estimate?.high ?? ''}
      data-lists={row?.counts.lists ?? ''}
    >
      <dt>{t(`performance.metric.${metric}`)}</dt>
      <dd>
        <span className="kpi-value">{text.value ?? t('common.none')}</span>
        <span className="kpi-note">{text.interval ? t('performance.interval', { interval: text.interval }) : t('performance.noInterval')}</span>
        {row ? <span className="kpi-note">{basis(metric, row.counts)}</span> : null}
      </dd>
    </div>
  );
}

/** CTR, conversion, revenue per 1,000 lists, order value and add-to-cart rate, each with its 95% interval; re-read every few seconds. */
export function MetricTiles() {
  const row = useAppStore('performance', (s) => s.kpis);
  const at = useAppStore('performance', (s) => s.kpisAt);
  const error = useAppStore('performance', (s) => s.kpisError);
  return (
    <section className="panel" aria-labelledby="performance-kpi-title" data-testid="performance-kpis">
      <div className="panel-head">
        <h2 id="performance-kpi-title">{t('performance.kpi.title')}</h2>
        {/* Not a live region: it changes every few seconds. */}
        <span className="muted small" data-testid="kpi-updated">
          {at !== null ? t('performance.updated', { time: formatTime(at) }) : t('common.loading')}
        </span>
      </div>
      {error ? <ErrorNotice message={error} /> : null}
      <dl className="kpi-grid kpi-grid--wide">
        {KPI_METRICS.map((m) => (
          <Tile key={m} metric={m} row={row} />
        ))}
      </dl>
      {row ? <p className="muted small">{t('performance.kpi.lists', { lists: formatNumber(row.counts.lists), revenue: formatMoney(row.counts.revenue) })}</p> : null}
    </section>
  );
}
