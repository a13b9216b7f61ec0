import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { channelLabel } from '../../components/channelLabels';
import { CHANNELS, type FusionWeights } from '../../transport/contract';
import { formatDecimal, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { JobProgressBar } from '../jobs/JobProgressBar';
import { autotuneResultOf } from '../../stores/tuningStore';

/** Starts an auto-tune job, follows its progress, and offers its proposal to the sliders. */
export function AutoTunePanel() {
  const { tuning } = useAppStores();
  const job = useAppStore('tuning', (s) => s.autotuneJob);
  const starting = useAppStore('tuning', (s) => s.autotuneStarting);
  const error = useAppStore('tuning', (s) => s.autotuneError);
  const objective = useAppStore('tuning', (s) => s.autotuneObjective);
  const running = job?.status === 'running';
  const result = autotuneResultOf(job);
  return (
    <section className="panel" aria-labelledby="autotune-title" data-testid="autotune" data-status={job?.status ?? 'none'}>
      <h2 id="autotune-title">{t('tuning.autotune.title')}</h2>
      <p className="muted small">{t('tuning.autotune.help')}</p>
      <label className="field">
        <span>{t('tuning.autotune.objective')}</span>
        <select data-testid="autotune-objective" value={objective} disabled={starting || running} onChange={(e) => tuning.getState().setAutotuneObjective(e.target.value === 'off-policy' ? 'off-policy' : 'replay')}>
          <option value="replay">{t('tuning.autotune.objective.replay')}</option>
          <option value="off-policy">{t('tuning.autotune.objective.offPolicy')}</option>
        </select>
      </label>
      <button type="button" className="button" data-testid="autotune-start" disabled={starting || running} onClick={() => void tuning.getState().startAutotune()}>
        {starting ? t('tuning.autotune.starting') : t('tuning.autotune.start')}
      </button>
      {error ? <ErrorNotice message={error} /> : null}
      {job && running ? (
        <div className="autotune-progress">
          <JobProgressBar job={job} />
          <p className="muted small" role="status">
            {t('tuning.autotune.running', { message: job.progress?.message ?? '' })}
          </p>
        </div>
      ) : null}
      {job?.status === 'failed' ? <ErrorNotice message={t('tuning.autotune.failed', { message: job.error ?? '' })} /> : null}
      {job?.status === 'cancelled' ? <p className="muted">{t('tuning.autotune.cancelled')}</p> : null}
      {result && 'objective' in result ? (
        <div className="autotune-result" data-testid="autotune-result" data-objective="off-policy">
          <p>{t('tuning.autotune.offPolicy.searched', { value: formatDecimal(result.value), baseline: formatDecimal(result.baseline), lists: formatNumber(result.lists), estimator: result.estimator.toUpperCase() })}</p>
          <p data-testid="autotune-reporting">
            {t('tuning.autotune.offPolicy.reporting', {
              value: orDash(result.reporting.value),
              low: orDash(result.reporting.ci[0]),
              high: orDash(result.reporting.ci[1]),
              baseline: orDash(result.reporting.baseline),
              serving: orDash(result.reporting.serving),
              lists: formatNumber(result.reporting.lists),
            })}
          </p>
          {result.reporting.warnings.map((w) => (
            <p key={w} className="muted small">
              {w}
            </p>
          ))}
          <WeightsProposal weights={result.weights} onLoad={() => tuning.getState().loadProposal()} />
        </div>
      ) : result ? (
        <div className="autotune-result" data-testid="autotune-result">
          <p>
            {t('tuning.autotune.result', {
              value: formatDecimal(result.value),
              low: formatDecimal(result.ci[0]),
              high: formatDecimal(result.ci[1]),
              baseline: formatDecimal(result.baseline),
              cases: formatNumber(result.cases),
            })}
          </p>
          {result.reporting ? (
            <p data-testid="autotune-reporting">
              {t('tuning.autotune.reporting', {
                value: formatDecimal(result.reporting.value),
                low: formatDecimal(result.reporting.ci[0]),
                high: formatDecimal(result.reporting.ci[1]),
                baseline: formatDecimal(result.reporting.baseline),
                cases: formatNumber(result.reporting.cases),
              })}
            </p>
          ) : null}
          <WeightsProposal weights={result.weights} onLoad={() => tuning.getState().loadProposal()} />
        </div>
      ) : null}
    </section>
  );
}

function orDash(value: number | null): string {
  return value === null ? '–' : formatDecimal(value);
}

/** The proposed weights, and the button that puts them on the sliders (nothing is saved). */
function WeightsProposal({ weights, onLoad }: { weights: FusionWeights; onLoad: () => void }) {
  return (
    <>
      <dl className="type-breakdown">
        {CHANNELS.map((c) => (
          <div key={c}>
            <dt>{channelLabel(c)}</dt>
            <dd>{formatDecimal(weights[c], 2)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button button--primary" data-testid="autotune-load" onClick={onLoad}>
        {t('tuning.autotune.load')}
      </button>
    </>
  );
}
