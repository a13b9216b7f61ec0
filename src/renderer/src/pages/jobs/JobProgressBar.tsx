import type { Job } from '../../transport/contract';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { progressPercent } from '../../stores/jobList';
import { fineTuneStage } from '../../stores/fineTuneStage';
import { jobLabel, stageText } from './jobLabels';

/** A real progressbar for assistive technology: value in percent, and the count in words as its text. */
export function JobProgressBar({ job }: { job: Job }) {
  const percent = progressPercent(job);
  const p = job.progress;
  // A fine-tune counts in its own epochs: its step total changes when the refit starts, so it is not shown.
  const stage = fineTuneStage(job);
  const count = stage ? stageText(stage) : p ? t('jobs.progress.count', { done: formatNumber(p.done), total: formatNumber(p.total) }) : null;
  const text = count ?? (job.status === 'running' ? t('jobs.progress.waiting') : t('common.none'));
  return (
    <div className="job-progress">
      <div
        className={`progress progress--${job.status}${percent === null ? ' progress--indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('jobs.progress.label', { job: jobLabel(job) })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? text : `${percent}% (${text})`}
        data-testid="job-progress"
      >
        <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span className="progress-text tabular">
        {percent === null ? '' : `${percent}% · `}
        {text}
      </span>
    </div>
  );
}
