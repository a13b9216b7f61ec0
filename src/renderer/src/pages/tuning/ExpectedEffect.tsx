import { useEffect } from 'react';
import { goToPage } from '../../app/goToPage';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { ErrorNotice } from '../../components/ErrorNotice';
import { rewardText } from '../../components/rewardText';
import { formatNumber, formatPercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { startExpectedEffect } from '../../stores/expectedEffectStore';
import { explorationRows } from '../../stores/explorationForm';
import { countText, effectRows, figureEstimator, formatEffectDifference, formatFigureEstimate, formatReward, type EffectRow } from '../../stores/offPolicy';
import type { OpeReport } from '../../transport/contract';

function FigureRow({ row }: { row: EffectRow }) {
  const target = formatFigureEstimate(row.name, row.target);
  const serving = formatFigureEstimate(row.name, row.serving);
  const direction = row.against === 'above' ? 'up' : row.against === 'below' ? 'down' : 'flat';
  const difference = formatEffectDifference(row);
  return (
    <tr
      data-testid="effect-figure"
      data-name={row.name}
      data-value={row.target.value ?? ''}
      data-low={row.target.low ?? ''}
      data-high={row.target.high ?? ''}
      data-serving={row.serving.value ?? ''}
      data-against={row.against ?? ''}
    >
      <th scope="row">{t(`effect.figure.${row.name}`)}</th>
      <td className="num">
        <OrDash value={serving.value} />
        {serving.interval ? <div className="metric-ci">{serving.interval}</div> : null}
      </td>
      <td className="num">
        <strong>
          <OrDash value={target.value} />
        </strong>
        {target.interval ? <div className="metric-ci">{target.interval}</div> : null}
        {difference ? (
          <div className={`small delta delta--${direction}`} data-testid="effect-difference">
            {row.against ? t('effect.difference', { difference, verdict: t(`effect.against.${row.against}`) }) : difference}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** Every estimator's expected reward per list, for the reader who wants to see them side by side. */
function Estimators({ report }: { report: OpeReport }) {
  return (
    <details className="effect-estimators">
      <summary>{t('effect.estimators.title')}</summary>
      <div className="table-scroll">
        <table className="data-table" data-testid="effect-estimators">
          <caption className="sr-only">{t('effect.estimators.caption', { reward: rewardText(report.reward) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('effect.estimators.col.estimator')}</th>
              <th scope="col" className="num">
                {t('effect.estimators.col.value')}
              </th>
              <th scope="col" className="num">
                {t('effect.estimators.col.interval')}
              </th>
              <th scope="col" className="num">
                {t('effect.estimators.col.ess')}
              </th>
              <th scope="col" className="num">
                {t('effect.estimators.col.clipped')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.estimates.map((e) => (
              <tr key={e.estimator} data-estimator={e.estimator}>
                <th scope="row">{t(`effect.estimator.${e.estimator}`)}</th>
                <td className="num">
                  <OrDash value={formatReward(e.value)} />
                </td>
                <td className="num">
                  <OrDash value={e.low !== null && e.high !== null ? `${formatReward(e.low)} – ${formatReward(e.high)}` : null} />
                </td>
                <td className="num">{countText(e.effectiveSampleSize)}</td>
                <td className="num">{formatNumber(e.clipped)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('effect.estimators.serving')}</th>
              <td className="num">
                <OrDash value={formatReward(report.serving.value)} />
              </td>
              <td className="num">
                <OrDash value={report.serving.low !== null && report.serving.high !== null ? `${formatReward(report.serving.low)} – ${formatReward(report.serving.high)}` : null} />
              </td>
              <td className="num" />
              <td className="num" />
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('effect.estimators.reward', { reward: rewardText(report.reward) })}</p>
    </details>
  );
}

function Report({ report, stale }: { report: OpeReport; stale: boolean }) {
  const estimator = figureEstimator(report);
  return (
    <div className={stale ? 'effect-report is-pending' : 'effect-report'} aria-busy={stale}>
      <div className="table-scroll">
        <table className="data-table effect-table" data-testid="effect-figures">
          <caption className="table-caption">{t('effect.caption', { slot: report.slot })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('effect.col.figure')}</th>
              <th scope="col" className="num">
                {t('effect.col.serving')}
              </th>
              <th scope="col" className="num">
                {t('effect.col.draft')}
              </th>
            </tr>
          </thead>
          <tbody>
            {effectRows(report).map((row) => (
              <FigureRow key={row.name} row={row} />
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts effect-facts">
        <div>
          <dt>{t('effect.estimator')}</dt>
          <dd data-testid="effect-estimator">{estimator ? t(`effect.estimator.${estimator}`) : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('effect.lists')}</dt>
          <dd data-testid="effect-lists" data-randomised={report.randomisedLists}>
            {t('effect.lists.value', { randomised: formatNumber(report.randomisedLists), lists: formatNumber(report.lists) })}
          </dd>
        </div>
        <div>
          <dt>{t('effect.support')}</dt>
          <dd data-testid="effect-support">
            <OrDash value={report.support === null ? null : formatPercent(report.support)} />
          </dd>
        </div>
      </dl>
      {report.warnings.length > 0 ? (
        <div className="notice notice--warning effect-warnings" data-testid="effect-warnings">
          <strong>{t('effect.warnings')}</strong>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Estimators report={report} />
    </div>
  );
}

/**
 * What the draft weights would do to clicks, purchases and revenue per 1,000 lists, estimated off-policy
 * from the slot's randomised lists (next to the replayed NDCG); without exploration, the engine's refusal
 * and the way to turn it on.
 */
export function ExpectedEffect() {
  const { expectedEffect, tuning, exploration } = useAppStores();
  const slot = useAppStore('expectedEffect', (s) => s.slot);
  const report = useAppStore('expectedEffect', (s) => s.report);
  const reportFor = useAppStore('expectedEffect', (s) => s.reportFor);
  const weights = useAppStore('expectedEffect', (s) => s.weights);
  const pending = useAppStore('expectedEffect', (s) => s.pending);
  const error = useAppStore('expectedEffect', (s) => s.error);
  const refused = useAppStore('expectedEffect', (s) => s.refused);
  const settings = useAppStore('exploration', (s) => s.settings);
  useEffect(() => startExpectedEffect(expectedEffect, tuning), [expectedEffect, tuning]);
  useEffect(() => {
    if (!exploration.getState().loaded) void exploration.getState().load();
  }, [exploration]);
  const slots = explorationRows(settings, [slot]).map((r) => r.slot);
  const stale = pending || (reportFor !== null && reportFor.weights !== weights);
  const state = refused ? 'refused' : report ? 'ready' : error ? 'error' : 'pending';
  const turnOn = (): void => {
    exploration.getState().edit(slot, { enable: true });
    goToPage('experiments');
  };
  return (
    <section className="panel expected-effect" aria-labelledby="effect-title" data-testid="expected-effect" data-state={state} data-slot={slot}>
      <div className="panel-head">
        <h2 id="effect-title">{t('effect.title')}</h2>
        <span className="muted" role="status">
          {pending ? t('effect.pending') : ''}
        </span>
      </div>
      <p className="muted small">{t('effect.help')}</p>
      <div className="effect-tools">
        <label className="inline-field" htmlFor="effect-slot">
          <span>{t('effect.slot')}</span>
          <select id="effect-slot" value={slot} data-testid="effect-slot" onChange={(e) => expectedEffect.getState().setSlot(e.target.value)}>
            {slots.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--small" disabled={pending || weights === null} onClick={() => void expectedEffect.getState().refresh()}>
          {t('effect.refresh')}
        </button>
      </div>
      {refused && error ? (
        <div className="notice notice--warning effect-refused" data-testid="effect-refused">
          <p>{error}</p>
          <button type="button" className="button button--primary" data-testid="effect-turn-on" onClick={turnOn}>
            {t('effect.turnOn', { slot })}
          </button>
        </div>
      ) : null}
      {error && !refused ? <ErrorNotice message={error} onRetry={() => void expectedEffect.getState().refresh()} /> : null}
      {report ? <Report report={report} stale={stale} /> : !refused && !error ? <p className="muted">{t('effect.pending')}</p> : null}
    </section>
  );
}
