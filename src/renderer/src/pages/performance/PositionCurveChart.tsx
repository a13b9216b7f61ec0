import { Bar, CartesianGrid, ComposedChart, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber, formatRatePercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { positionRows, type PositionRow } from '../../stores/loopMetrics';

function PositionTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: PositionRow }> }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{t('performance.positions.position', { position: row.position })}</strong>
      <div>{row.ctr === null ? t('common.none') : formatRatePercent(row.ctr)}</div>
      {row.error && row.ctr !== null ? (
        <div className="muted">{t('performance.interval', { interval: `${formatRatePercent(row.ctr - row.error[0])} – ${formatRatePercent(row.ctr + row.error[1])}` })}</div>
      ) : null}
      <div className="muted">{t('performance.positions.counts', { clicked: formatNumber(row.clicked), shown: formatNumber(row.shown) })}</div>
    </div>
  );
}

/** Click-through by position in the list, with 95% whiskers: how much lower places are looked at. */
export function PositionCurveChart() {
  const curve = useAppStore('performance', (s) => s.positions);
  const error = useAppStore('performance', (s) => s.positionsError);
  const rows = curve ? positionRows(curve) : [];
  const hasData = rows.some((r) => r.shown > 0);
  const first = rows[0];
  const last = rows.at(-1);
  return (
    <section className="panel" aria-labelledby="positions-title" data-testid="position-curve" data-points={rows.length}>
      <h2 id="positions-title">{t('performance.positions.title')}</h2>
      {error ? <ErrorNotice message={error} /> : null}
      {hasData ? (
        <figure className="chart-figure">
          <div className="chart-box" role="img" aria-label={t('performance.positions.label')}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="position" tick={{ fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} width={56} tickFormatter={(v: number) => formatRatePercent(v, 1)} />
                <Tooltip content={<PositionTooltip />} cursor={{ fillOpacity: 0.08 }} />
                <Bar dataKey="ctr" fill="#0072b2" isAnimationActive={false}>
                  <ErrorBar dataKey="error" width={4} strokeWidth={1.5} stroke="currentColor" isAnimationActive={false} />
                </Bar>
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="muted small">
            {first && last
              ? t('performance.positions.summary', {
                  first: first.ctr === null ? t('common.none') : formatRatePercent(first.ctr),
                  lastPosition: last.position,
                  last: last.ctr === null ? t('common.none') : formatRatePercent(last.ctr),
                  lists: curve ? t(`performance.positions.lists.${curve.lists}`) : '',
                })
              : null}
          </figcaption>
        </figure>
      ) : (
        <p className="empty">{curve ? t('performance.positions.empty') : t('common.loading')}</p>
      )}
    </section>
  );
}
