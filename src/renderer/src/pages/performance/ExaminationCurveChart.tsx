import { useEffect } from 'react';
import { CartesianGrid, ComposedChart, ErrorBar, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDecimal, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { examinationRows, startExaminationRefresh, type ExaminationRow } from '../../stores/examinationStore';
import { seriesColour } from './chartColours';

function interval(row: ExaminationRow): string | null {
  return row.low !== null && row.high !== null ? `${formatDecimal(row.low, 2)} – ${formatDecimal(row.high, 2)}` : null;
}

function ExaminationTooltip({ active, payload }: { active?: boolean; payload?: ReadonlyArray<{ payload?: ExaminationRow }> }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const ci = interval(row);
  return (
    <div className="chart-tooltip">
      <strong>{t('performance.positions.position', { position: row.position })}</strong>
      <div>{row.examination === null ? t('common.none') : formatDecimal(row.examination, 2)}</div>
      {ci ? <div className="muted">{t('performance.interval', { interval: ci })}</div> : null}
      <div className="muted">{t('performance.positions.counts', { clicked: formatNumber(row.clicked), shown: formatNumber(row.shown) })}</div>
    </div>
  );
}

/**
 * How likely shoppers are to look at each position, estimated from the slot's shuffled lists (where every
 * item is equally likely at every position, so ranking quality drops out), with 95% whiskers; shown
 * beside the click-through by position, which mixes examination with what the ranking put there.
 */
export function ExaminationCurveChart() {
  const { examination, performance, exploration } = useAppStores();
  const slot = useAppStore('examination', (s) => s.slot);
  const curve = useAppStore('examination', (s) => s.curve);
  const error = useAppStore('examination', (s) => s.error);
  const noExploration = useAppStore('examination', (s) => s.noExploration);
  const loading = useAppStore('examination', (s) => s.loading);
  useEffect(() => startExaminationRefresh(examination, performance), [examination, performance]);
  const rows = curve ? examinationRows(curve) : [];
  const first = rows[0];
  const last = rows.at(-1);
  const hasData = rows.some((r) => r.examination !== null);
  return (
    <section
      className="panel"
      aria-labelledby="examination-title"
      data-testid="examination-curve"
      data-slot={slot}
      data-points={rows.length}
      data-lists={curve?.lists ?? ''}
      data-state={noExploration ? 'no-exploration' : hasData ? 'ready' : loading ? 'loading' : 'empty'}
    >
      <h2 id="examination-title">{t('examination.title')}</h2>
      <p className="muted small">{t('examination.help', { slot })}</p>
      {error && !noExploration ? <ErrorNotice message={error} /> : null}
      {noExploration ? (
        <div className="notice notice--info" data-testid="examination-none">
          <p>{t('examination.none', { slot })}</p>
          {error ? <p className="muted small">{error}</p> : null}
          <a href="#/experiments" data-testid="examination-turn-on" onClick={() => exploration.getState().edit(slot, { enable: true })}>
            {t('examination.turnOn')}
          </a>
        </div>
      ) : hasData && first && last ? (
        <figure className="chart-figure">
          <div className="chart-box" role="img" aria-label={t('examination.label', { slot })}>
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="position" tick={{ fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} width={44} domain={[0, 'auto']} tickFormatter={(v: number) => formatDecimal(v, 1)} />
                <Tooltip content={<ExaminationTooltip />} />
                <Line dataKey="examination" stroke={seriesColour(1)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false}>
                  <ErrorBar dataKey="error" width={4} strokeWidth={1.5} stroke="currentColor" isAnimationActive={false} />
                </Line>
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="muted small">
            {t('examination.summary', {
              lists: formatNumber(curve?.lists ?? 0),
              first: first.position,
              lastPosition: last.position,
              last: last.examination === null ? t('common.none') : formatDecimal(last.examination, 2),
            })}
          </figcaption>
          <table className="sr-only">
            <caption>{t('examination.table.caption', { slot })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('examination.col.position')}</th>
                <th scope="col">{t('examination.col.examination')}</th>
                <th scope="col">{t('examination.col.interval')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.position}>
                  <th scope="row">{r.position}</th>
                  <td>{r.examination === null ? t('common.none') : formatDecimal(r.examination, 2)}</td>
                  <td>{interval(r) ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      ) : (
        <p className="empty">{curve ? t('examination.empty', { slot }) : t('common.loading')}</p>
      )}
    </section>
  );
}
