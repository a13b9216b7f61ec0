import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RankedItemList } from '../../components/RankedItemList';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';

/** What the shopper would be shown now (a live `recommend`, logged as an impression like any other). */
export function CurrentRecommendations() {
  const { inspector } = useAppStores();
  const inspection = useAppStore('inspector', (s) => s.inspection);
  const current = useAppStore('inspector', (s) => s.current);
  const loading = useAppStore('inspector', (s) => s.currentLoading);
  const error = useAppStore('inspector', (s) => s.currentError);
  if (!inspection) return null;
  const title = t('inspector.current.title', { shopper: inspection.shopperId });
  return (
    <section className="panel" aria-labelledby="current-recs-title" data-testid="current-recommendations">
      <div className="panel-head">
        <h2 id="current-recs-title">{title}</h2>
        <div className="panel-tools">
          {current ? <span className="muted">{t('inspector.current.meta', { version: current.weightsVersion, ms: formatNumber(Math.round(current.tookMs)) })}</span> : null}
          <button type="button" className="button button--small" disabled={loading} onClick={() => void inspector.getState().loadCurrent()}>
            {loading ? t('common.loading') : t('common.refresh')}
          </button>
        </div>
      </div>
      {error ? <ErrorNotice message={error} onRetry={() => void inspector.getState().loadCurrent()} /> : null}
      {current ? <RankedItemList items={current.items} label={title} /> : null}
    </section>
  );
}
