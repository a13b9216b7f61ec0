import { useAppStore } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, formatDecimal, formatNumber, formatSigned } from '../../i18n/format';
import { t } from '../../i18n/translate';

/** NDCG@10 of the slider weights replayed on held-out sessions, with its CI and the change against the saved version. */
export function ReplayMetric() {
  const replay = useAppStore('tuning', (s) => s.replay);
  const baseline = useAppStore('tuning', (s) => s.baseline);
  const pending = useAppStore('tuning', (s) => s.replayPending);
  const error = useAppStore('tuning', (s) => s.replayError);
  const current = useAppStore('tuning', (s) => s.current);
  const delta = replay && baseline ? replay.value - baseline.value : null;
  return (
    <section className="panel" aria-labelledby="metric-title">
      <div className="panel-head">
        <h2 id="metric-title">{t('tuning.metric.title')}</h2>
        <span className="muted" role="status">
          {pending ? t('tuning.metric.pending') : ''}
        </span>
      </div>
      <p className="muted small" data-testid="replay-what">
        {t('tuning.metric.what')}
      </p>
      {error ? <ErrorNotice message={error} /> : null}
      <div className={pending ? 'metric is-pending' : 'metric'} data-testid="replay-metric" data-value={replay?.value ?? ''} aria-busy={pending}>
        {replay ? (
          <>
            <span className="metric-value">{t('tuning.metric.value', { value: formatDecimal(replay.value) })}</span>
            <span className="muted small">
              {t('tuning.metric.ci', { low: formatDecimal(replay.ci[0]), high: formatDecimal(replay.ci[1]), cases: formatNumber(replay.cases) })}
            </span>
            {replay.half === 'reporting' ? (
              <span className="muted small" data-testid="replay-half">
                {t('tuning.metric.half', { start: replay.signalsBefore != null ? formatDateTime(replay.signalsBefore) : '—' })}
              </span>
            ) : null}
            {delta !== null && baseline && current ? (
              <span className={delta > 0.0005 ? 'metric-delta is-up' : delta < -0.0005 ? 'metric-delta is-down' : 'metric-delta'}>
                {t('tuning.metric.delta', { delta: formatSigned(delta), version: current.version, baseline: formatDecimal(baseline.value) })}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">{pending ? t('tuning.metric.pending') : t('tuning.metric.none')}</span>
        )}
      </div>
    </section>
  );
}
