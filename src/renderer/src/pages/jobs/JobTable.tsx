import { Fragment } from 'react';
import { useAppStore } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { formatDateTime, formatEta, formatRate } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { FineTuneCurves } from './FineTuneCurves';
import { JobActions } from './JobActions';
import { JobDetails } from './JobDetails';
import { JobProgressBar } from './JobProgressBar';
import { jobLabel, statusLabel } from './jobLabels';

const COLUMNS = 8;

/** Every recent job with its live progress; a running one can be cancelled from its row, a stopped fine-tune resumed. */
export function JobTable() {
  const jobs = useAppStore('jobs', (s) => s.jobs);
  const loading = useAppStore('jobs', (s) => s.loading);
  const loaded = useAppStore('jobs', (s) => s.loaded);
  return (
    <div className="table-scroll" aria-busy={loading}>
      <table className="data-table job-table" aria-label={t('jobs.table.label')}>
        <thead>
          <tr>
            <th scope="col">{t('jobs.col.job')}</th>
            <th scope="col">{t('jobs.col.status')}</th>
            <th scope="col">{t('jobs.col.progress')}</th>
            <th scope="col" className="num">
              {t('jobs.col.rate')}
            </th>
            <th scope="col" className="num">
              {t('jobs.col.eta')}
            </th>
            <th scope="col">{t('jobs.col.details')}</th>
            <th scope="col">{t('jobs.col.started')}</th>
            <th scope="col">
              <span className="sr-only">{t('jobs.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => {
            const running = job.status === 'running';
            return (
              <Fragment key={job.jobId}>
                <tr data-testid="job-row" data-job-id={job.jobId} data-status={job.status}>
                  <th scope="row" className="job-name" title={job.jobId}>
                    {jobLabel(job)}
                  </th>
                  <td>
                    <span className={`job-status job-status--${job.status}`}>{statusLabel(job.status)}</span>
                  </td>
                  <td>
                    <JobProgressBar job={job} />
                  </td>
                  <td className="num">
                    <OrDash value={job.progress && job.progress.rate > 0 ? t('jobs.rate', { rate: formatRate(job.progress.rate) }) : null} />
                  </td>
                  <td className="num">
                    <OrDash value={running && job.progress?.etaSeconds != null ? formatEta(job.progress.etaSeconds) : null} />
                  </td>
                  <td className="job-details-cell">
                    <JobDetails job={job} />
                  </td>
                  <td className="nowrap">{formatDateTime(job.createdAt)}</td>
                  <td className="nowrap">
                    <JobActions job={job} />
                  </td>
                </tr>
                {job.kind === 'fine-tune' ? (
                  <tr className="job-curves-row" data-job-id={job.jobId}>
                    <td colSpan={COLUMNS}>
                      <FineTuneCurves job={job} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {loaded && jobs.length === 0 ? <p className="empty">{t('jobs.empty')}</p> : null}
    </div>
  );
}
