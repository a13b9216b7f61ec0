import { useAppStore } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Sparkline } from '../../components/Sparkline';
import { formatNumber, formatPercent, formatRatePercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { QueryStats } from '../../transport/contract';
import { queryTrend, searchClickRate } from '../../stores/loopMetrics';

function Trend({ q }: { q: QueryStats }) {
  const trend = queryTrend(q);
  const previous = formatNumber(q.previousSearches);
  if (trend.direction === 'new') return <span className="trend trend--up">{t('performance.search.trend.new')}</span>;
  if (trend.relative === null || trend.direction === 'flat') return <span className="trend muted">{t('performance.search.trend.flat', { previous })}</span>;
  const change = formatPercent(Math.abs(trend.relative));
  return (
    <span className={`trend trend--${trend.direction}`}>
      {trend.direction === 'up' ? t('performance.search.trend.up', { change, previous }) : t('performance.search.trend.down', { change, previous })}
    </span>
  );
}

type Kind = 'top' | 'zeroResults' | 'noClicks';

function QueryTable({ kind, queries }: { kind: Kind; queries: readonly QueryStats[] }) {
  const titleId = `search-${kind}-title`;
  return (
    <div className="search-table" data-testid={`search-${kind}`}>
      <h3 id={titleId}>{t(`performance.search.${kind}`)}</h3>
      {queries.length === 0 ? (
        <p className="empty">{t('performance.search.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">{t('performance.search.col.query')}</th>
                <th scope="col" className="num">
                  {t('performance.search.col.searches')}
                </th>
                <th scope="col" className="num">
                  {kind === 'zeroResults' ? t('performance.search.col.zero') : t('performance.search.col.clickRate')}
                </th>
                <th scope="col">{t('performance.search.col.trend')}</th>
                <th scope="col">{t('performance.search.col.daily')}</th>
              </tr>
            </thead>
            <tbody>
              {queries.map((q) => {
                const rate = searchClickRate(q);
                return (
                  <tr key={q.query} data-testid="search-query">
                    <th scope="row" className="cell-wrap">
                      {q.query}
                    </th>
                    <td className="num">{formatNumber(q.searches)}</td>
                    <td className="num">
                      {kind === 'zeroResults'
                        ? formatPercent(q.searches > 0 ? q.zeroResults / q.searches : 0)
                        : rate === null
                          ? t('common.none')
                          : formatRatePercent(rate, 1)}
                    </td>
                    <td className="nowrap">
                      <Trend q={q} />
                    </td>
                    <td>
                      <Sparkline values={q.daily} label={t('performance.search.sparkline', { query: q.query, counts: q.daily.join(', ') })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Top queries, queries with no results and queries nobody clicked, each against the previous period. */
export function SearchAnalyticsPanel() {
  const search = useAppStore('performance', (s) => s.search);
  const error = useAppStore('performance', (s) => s.searchError);
  return (
    <section className="panel" aria-labelledby="search-analytics-title" data-testid="search-analytics">
      <div className="panel-head">
        <h2 id="search-analytics-title">{t('performance.search.title')}</h2>
        {search ? <span className="muted small">{t('performance.search.total', { count: formatNumber(search.totalSearches) })}</span> : null}
      </div>
      {error ? <ErrorNotice message={error} /> : null}
      {search ? (
        <div className="search-tables">
          <QueryTable kind="top" queries={search.top} />
          <QueryTable kind="zeroResults" queries={search.zeroResults} />
          <QueryTable kind="noClicks" queries={search.noClicks} />
        </div>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
