import type { Job } from '../../transport/contract';
import { formatNumber } from '../../i18n/format';
import { hasMessage, t } from '../../i18n/translate';
import { resultFigures } from '../../stores/jobList';

function figureValue(value: string | number): string {
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? formatNumber(value) : value.toFixed(1);
}

/** What a job says about itself: its error, its result figures once finished, else its latest message. */
export function JobDetails({ job }: { job: Job }) {
  const variant = typeof job.params.variant === 'string' ? job.params.variant : null;
  const figures = resultFigures(job);
  return (
    <div className="job-details">
      {job.error ? <p className="job-error">{t('jobs.error', { message: job.error })}</p> : null}
      {figures.length > 0 ? (
        <dl className="job-result" data-testid="job-result">
          {figures.map(({ key, value }) => {
            const label = `jobs.result.${key}`;
            return (
              <div key={key}>
                <dt>{hasMessage(label) ? t(label) : key}</dt>
                <dd className={typeof value === 'string' ? 'mono' : 'tabular'}>{figureValue(value)}</dd>
              </div>
            );
          })}
        </dl>
      ) : job.progress?.message ? (
        <p className="job-message">{job.progress.message}</p>
      ) : null}
      {variant ? <p className="muted job-param">{t('jobs.variant', { variant })}</p> : null}
    </div>
  );
}
