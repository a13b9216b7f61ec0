import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { startExperimentsRefresh } from '../../stores/experimentsStore';
import { ExperimentDetail } from './ExperimentDetail';
import { ExperimentForm } from './ExperimentForm';
import { ExperimentList } from './ExperimentList';
import { ExplorationPanel } from './ExplorationPanel';

/** A/B tests and bandits over ranking policies: create, watch, stop, promote the winner. */
export function ExperimentsPage() {
  const { experiments } = useAppStores();
  const error = useAppStore('experiments', (s) => s.error);
  const loading = useAppStore('experiments', (s) => s.loading);
  const formOpen = useAppStore('experiments', (s) => s.form !== null);
  const selectedId = useAppStore('experiments', (s) => s.selectedId);
  const can = useCan('experiments.create');
  useEffect(() => startExperimentsRefresh(experiments), [experiments]);
  return (
    <div className="page page--experiments" data-testid="experiments-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('experiments.title')}</h1>
        <button type="button" className="button button--primary" data-testid="experiment-new" disabled={formOpen || !can.allowed} title={can.reason ?? undefined} onClick={() => experiments.getState().openNew()}>
          {t('experiments.new')}
        </button>
        <NotAllowed can={can} testId="experiment-new-not-allowed" />
        <button type="button" className="button" disabled={loading} onClick={() => void experiments.getState().load()}>
          {loading ? t('common.loading') : t('common.refresh')}
        </button>
      </div>
      <p className="muted page-intro">{t('experiments.intro')}</p>
      <ExplorationPanel />
      {error ? <ErrorNotice message={error} onRetry={() => void experiments.getState().load()} /> : null}
      {formOpen ? <ExperimentForm /> : null}
      <ExperimentList />
      {selectedId !== null ? <ExperimentDetail key={selectedId} /> : <p className="muted">{t('experiments.pick')}</p>}
    </div>
  );
}
