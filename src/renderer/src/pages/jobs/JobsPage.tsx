import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import type { JobAnnouncement } from '../../stores/jobsStore';
import { JobTable } from './JobTable';
import { ModelVersions } from './ModelVersions';
import { PolicyVersions } from './PolicyVersions';
import { jobLabel } from './jobLabels';
import { StartEmbedding } from './StartEmbedding';
import { StartFineTune } from './StartFineTune';
import { TrainPolicy } from './TrainPolicy';

function announcementText(a: JobAnnouncement | null): string {
  return a ? t(`jobs.announce.${a.change}`, { job: jobLabel(a) }) : '';
}

/**
 * Background jobs: start the catalogue embedding, a fine-tune of the intent model or a ranking-policy training,
 * follow progress (and training curves) live, cancel; and the versions they produced, to promote or roll back.
 */
export function JobsPage() {
  const { jobs } = useAppStores();
  const error = useAppStore('jobs', (s) => s.error);
  const actionError = useAppStore('jobs', (s) => s.actionError);
  const loading = useAppStore('jobs', (s) => s.loading);
  const announcement = useAppStore('jobs', (s) => s.announcement);
  useEffect(() => {
    void jobs.getState().load();
  }, [jobs]);
  return (
    <div className="page page--jobs" data-testid="jobs-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('jobs.title')}</h1>
        <button type="button" className="button" disabled={loading} onClick={() => void jobs.getState().load()}>
          {loading ? t('common.loading') : t('common.refresh')}
        </button>
      </div>
      {/* Starts and ends of jobs only: progress ticks would talk over everything else. */}
      <p className="sr-only" role="status">
        {announcementText(announcement)}
      </p>
      {error ? <ErrorNotice message={error} onRetry={() => void jobs.getState().load()} /> : null}
      <StartEmbedding />
      <StartFineTune />
      <TrainPolicy />
      {actionError ? <ErrorNotice message={actionError} /> : null}
      <section className="panel" aria-label={t('jobs.table.label')}>
        <JobTable />
      </section>
      <ModelVersions />
      <PolicyVersions />
    </div>
  );
}
