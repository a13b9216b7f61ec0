import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, retentionAssessment } from '../../stores/privacy';
import type { RetentionState } from '../../stores/retentionStore';

function announcementText(a: RetentionState['announcement']): string {
  if (!a) return '';
  if (a.kind === 'saved') return a.rawDataDays === null ? t('retention.saved.forever') : t('retention.saved.days', { days: formatNumber(a.rawDataDays) });
  const r = a.run;
  return t('retention.applied', { events: formatNumber(r.events), sessions: formatNumber(r.sessions), lists: formatNumber(r.impressions), rewards: formatNumber(r.rewards) });
}

/**
 * The raw-data retention setting (docs/PRIVACY.md): keep forever or N days, what the setting would
 * delete now, and a run on demand. A first or shorter period deletes data, so it goes through the risk dialog.
 */
export function RetentionPanel() {
  const { retention, guard } = useAppStores();
  const status = useAppStore('retention', (s) => s.status);
  const loading = useAppStore('retention', (s) => s.loading);
  const error = useAppStore('retention', (s) => s.error);
  const mode = useAppStore('retention', (s) => s.mode);
  const daysInput = useAppStore('retention', (s) => s.daysInput);
  const inputError = useAppStore('retention', (s) => s.inputError);
  const saving = useAppStore('retention', (s) => s.saving);
  const applying = useAppStore('retention', (s) => s.applying);
  const actionError = useAppStore('retention', (s) => s.actionError);
  const announcement = useAppStore('retention', (s) => s.announcement);
  useEffect(() => {
    void retention.getState().load();
  }, [retention]);
  const days = status?.settings.rawDataDays ?? null;
  const text = announcementText(announcement);

  const save = () => {
    const plan = retention.getState().plan();
    if (plan.kind !== 'change') return;
    const next = plan.rawDataDays;
    if (plan.guarded && next !== null) {
      void guard.getState().ask({
        action: { action: 'retention.set', rawDataDays: next },
        reasonAlwaysRequired: true,
        assess: async () => retentionAssessment(retention.getState().status, next),
        run: (confirm) => retention.getState().save(next, confirm),
      });
    } else {
      void retention
        .getState()
        .save(next)
        .catch(() => undefined);
    }
  };

  return (
    <section className="panel retention-panel" aria-labelledby="retention-title" data-testid="retention-panel">
      <h2 id="retention-title">{t('retention.title')}</h2>
      <p className="muted small">{t('retention.intro')}</p>
      {error ? <ErrorNotice message={error} onRetry={() => void retention.getState().load()} /> : null}
      {status ? (
        <dl className="facts retention-facts" aria-busy={loading}>
          <div>
            <dt>{t('retention.current')}</dt>
            <dd data-testid="retention-current">{days === null ? t('retention.forever') : t('retention.days', { days: formatNumber(days) })}</dd>
          </div>
          <div>
            <dt>{t('retention.due')}</dt>
            <dd data-testid="retention-due">
              {t('retention.dueCounts', { events: formatNumber(status.due.events), lists: formatNumber(status.due.impressions), rewards: formatNumber(status.due.rewards) })}
            </dd>
          </div>
          <div>
            <dt>{t('retention.lastRun')}</dt>
            <dd>
              {status.lastRun
                ? t('retention.lastRunAt', { time: formatDateTime(status.lastRun.at), events: formatNumber(status.lastRun.events) })
                : t('retention.lastRunNone')}
            </dd>
          </div>
        </dl>
      ) : loading ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      <form
        className="retention-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <fieldset className="retention-choice">
          <legend>{t('retention.keep')}</legend>
          <label className="radio">
            <input type="radio" name="retention-mode" data-testid="retention-forever" checked={mode === 'forever'} onChange={() => retention.getState().setMode('forever')} />
            {t('retention.mode.forever')}
          </label>
          <label className="radio">
            <input type="radio" name="retention-mode" data-testid="retention-mode-days" checked={mode === 'days'} onChange={() => retention.getState().setMode('days')} />
            {t('retention.mode.days')}
          </label>
          <span className={inputError ? 'field has-error retention-days' : 'field retention-days'}>
            <label htmlFor="retention-days">{t('retention.days.label')}</label>
            <input
              id="retention-days"
              type="text"
              inputMode="numeric"
              data-testid="retention-days"
              value={daysInput}
              disabled={mode !== 'days'}
              aria-invalid={inputError !== null}
              aria-describedby="retention-days-hint"
              onChange={(e) => retention.getState().setDaysInput(e.target.value)}
            />
            <span id="retention-days-hint" className={inputError ? 'field-error' : 'field-hint'} data-testid="retention-days-hint">
              {inputError ?? t('retention.days.hint', { min: MIN_RETENTION_DAYS, max: formatNumber(MAX_RETENTION_DAYS) })}
            </span>
          </span>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button--primary" data-testid="retention-save" disabled={saving || !status}>
            {saving ? t('retention.saving') : t('retention.save')}
          </button>
          <button type="button" className="button" data-testid="retention-apply" disabled={applying || !status} onClick={() => void retention.getState().apply()}>
            {applying ? t('retention.applying') : t('retention.apply')}
          </button>
        </div>
      </form>
      {actionError ? <ErrorNotice message={actionError} /> : null}
      <p className={text ? 'notice notice--info' : 'sr-only'} role="status" data-testid="retention-status">
        {text}
      </p>
    </section>
  );
}
