import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { SessionFilters } from './SessionFilters';
import { SessionTable } from './SessionTable';
import { SessionTimeline } from './SessionTimeline';

/** Recent sessions beside the timeline of the one the user picks. */
export function SessionsPage() {
  const { sessions } = useAppStores();
  const error = useAppStore('sessions', (s) => s.error);
  const loading = useAppStore('sessions', (s) => s.loading);
  useEffect(() => {
    void sessions.getState().load();
  }, [sessions]);
  return (
    <div className="page page--sessions" data-testid="sessions-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('sessions.title')}</h1>
        <button type="button" className="button" disabled={loading} onClick={() => void sessions.getState().load()}>
          {loading ? t('common.loading') : t('common.refresh')}
        </button>
      </div>
      {error ? <ErrorNotice message={error} onRetry={() => void sessions.getState().load()} /> : null}
      <SessionFilters />
      <div className="split">
        <section className="panel" aria-label={t('sessions.table.label')}>
          <SessionTable />
        </section>
        <SessionTimeline />
      </div>
    </div>
  );
}
