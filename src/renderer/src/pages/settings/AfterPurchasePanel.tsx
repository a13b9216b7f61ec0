import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { afterPurchaseAssessment } from '../../stores/afterPurchaseStore';
import { AFTER_PURCHASE_MAX_DAYS } from '../../transport/contract';

/**
 * The after-purchase policy (docs/RECOMMENDATION.md): whether recommendation lists leave out
 * substitutes of a recent purchase, and for how long, with its measured effect. It changes what
 * shoppers see, so a change goes through the risk dialog, which states the expected effect first.
 */
export function AfterPurchasePanel() {
  const { afterPurchase, guard } = useAppStores();
  const view = useAppStore('afterPurchase', (s) => s.view);
  const loading = useAppStore('afterPurchase', (s) => s.loading);
  const error = useAppStore('afterPurchase', (s) => s.error);
  const enabled = useAppStore('afterPurchase', (s) => s.enabled);
  const daysInput = useAppStore('afterPurchase', (s) => s.daysInput);
  const inputError = useAppStore('afterPurchase', (s) => s.inputError);
  const saving = useAppStore('afterPurchase', (s) => s.saving);
  const actionError = useAppStore('afterPurchase', (s) => s.actionError);
  const saved = useAppStore('afterPurchase', (s) => s.saved);
  const can = useCan('afterPurchase.set');
  const unchanged = useAppStore('afterPurchase', (s) => s.unchanged);
  useEffect(() => {
    void afterPurchase.getState().load();
  }, [afterPurchase]);

  const apply = () => {
    const plan = afterPurchase.getState().plan();
    if (plan.kind !== 'change') return;
    const current = afterPurchase.getState().view?.days ?? 0;
    void guard.getState().ask({
      action: { action: 'afterPurchase.set', days: plan.days },
      assess: async () => afterPurchaseAssessment(current, plan.days),
      run: (confirm) => afterPurchase.getState().save(plan.days, confirm),
    });
  };

  const status = unchanged ? t('afterPurchase.unchanged') : saved === null ? '' : saved === 0 ? t('afterPurchase.saved.off') : t('afterPurchase.saved.on', { days: formatNumber(saved) });
  return (
    <section className="panel after-purchase-panel" aria-labelledby="after-purchase-title" data-testid="after-purchase-panel">
      <h2 id="after-purchase-title">{t('afterPurchase.title')}</h2>
      <p className="muted small">{t('afterPurchase.intro')}</p>
      <p className="notice notice--info" data-testid="after-purchase-measured">
        {t('afterPurchase.measured')}
      </p>
      {error ? <ErrorNotice message={error} onRetry={() => void afterPurchase.getState().load()} /> : null}
      {view ? (
        <dl className="facts">
          <div>
            <dt>{t('afterPurchase.current')}</dt>
            <dd data-testid="after-purchase-current" data-days={view.days}>
              {view.days === 0 ? t('afterPurchase.current.off') : t('afterPurchase.current.on', { days: formatNumber(view.days) })}
              <span className="muted small">
                {' · '}
                {view.updatedAt === null ? t('afterPurchase.current.option') : t('afterPurchase.current.changed', { time: formatDateTime(view.updatedAt) })}
              </span>
            </dd>
          </div>
        </dl>
      ) : loading ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="checkbox">
          <input type="checkbox" checked={enabled} disabled={!view} onChange={(e) => afterPurchase.getState().setEnabled(e.target.checked)} data-testid="after-purchase-enabled" />{' '}
          {t('afterPurchase.enabled')}
        </label>
        <span className={inputError ? 'field has-error' : 'field'}>
          <label htmlFor="after-purchase-days">{t('afterPurchase.days.label')}</label>
          <input
            id="after-purchase-days"
            className="input-short"
            type="text"
            inputMode="numeric"
            value={daysInput}
            disabled={!enabled || !view}
            aria-invalid={inputError !== null}
            aria-describedby="after-purchase-days-hint"
            onChange={(e) => afterPurchase.getState().setDaysInput(e.target.value)}
            data-testid="after-purchase-days"
          />
          <span id="after-purchase-days-hint" className={inputError ? 'field-error' : 'field-hint'} data-testid="after-purchase-days-hint">
            {inputError ?? t('afterPurchase.days.hint', { max: AFTER_PURCHASE_MAX_DAYS })}
          </span>
        </span>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving || !view || !can.allowed} title={can.reason ?? undefined} data-testid="after-purchase-save">
            {saving ? t('afterPurchase.saving') : t('afterPurchase.save')}
          </button>
        </div>
        {can.reason ? <p className="muted small">{can.reason}</p> : null}
      </form>
      {actionError ? <ErrorNotice message={actionError} /> : null}
      <p className={status ? 'notice notice--info' : 'sr-only'} role="status" data-testid="after-purchase-status">
        {status}
      </p>
    </section>
  );
}
