import type { Job } from '../../transport/contract';
import { formatNumber } from '../../i18n/format';
import { hasMessage, t } from '../../i18n/translate';
import { resultFigures } from '../../stores/jobList';
import { jobLabel } from './jobLabels';
import { POLICY_REWARD_KEYS, POLICY_RESULT_ORDER, policyFigureValue, PolicyWarnings } from './policyJobResult';

/** Fine-tune results lead with the version and its score. */
const FINE_TUNE_ORDER = ['version', 'valNdcg', 'afterNdcg10', 'beforeNdcg10', 'comparisonCases', 'comparisonSkipped', 'comparisonNote', 'comparedWith', 'bestEpoch', 'resumedAfterEpoch', 'seconds', 'sequences'];
/** Ranking metrics need four decimals to tell versions apart. */
const METRIC_KEYS = new Set(['valNdcg', 'loss', 'afterNdcg10', 'beforeNdcg10', ...POLICY_REWARD_KEYS]);

function figureValue(key: string, value: string | number): string {
  if (typeof value === 'string') return value;
  const policyValue = policyFigureValue(key, value);
  if (policyValue !== null) return policyValue;
  if (METRIC_KEYS.has(key)) return value.toFixed(4);
  return Number.isInteger(value) ? formatNumber(value) : value.toFixed(1);
}

/** What a job says about itself: its error, its result figures once finished, else its latest message. */
export function JobDetails({ job }: { job: Job }) {
  const variant = typeof job.params.variant === 'string' ? job.params.variant : null;
  const resumes = typeof job.params.resumes === 'string' ? job.params.resumes : null;
  const figures = job.kind === 'fine-tune' ? resultFigures(job, FINE_TUNE_ORDER) : job.kind === 'train-policy' ? resultFigures(job, POLICY_RESULT_ORDER) : resultFigures(job);
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
                <dd className={typeof value === 'string' ? 'mono' : 'tabular'}>{figureValue(key, value)}</dd>
              </div>
            );
          })}
        </dl>
      ) : job.progress?.message ? (
        <p className="job-message">{job.progress.message}</p>
      ) : null}
      {job.kind === 'train-policy' ? <PolicyWarnings job={job} /> : null}
      {variant ? <p className="muted job-param">{t('jobs.variant', { variant })}</p> : null}
      {resumes ? <p className="muted job-param">{t('jobs.resumes', { job: jobLabel({ kind: job.kind, jobId: resumes }) })}</p> : null}
    </div>
  );
}
