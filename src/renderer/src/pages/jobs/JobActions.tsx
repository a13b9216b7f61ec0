import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';
import { hasRunning, isResumable } from '../../stores/jobList';
import type { Job } from '../../transport/contract';
import { jobLabel } from './jobLabels';

/** A job row's buttons: cancel while it runs; resume a cancelled or failed fine-tune (while no other one runs). */
export function JobActions({ job }: { job: Job }) {
  const { jobs: store } = useAppStores();
  const isCancelling = useAppStore('jobs', (s) => s.cancelling.includes(job.jobId));
  const isResuming = useAppStore('jobs', (s) => s.resuming.includes(job.jobId));
  const fineTuneRunning = useAppStore('jobs', (s) => hasRunning(s.jobs, 'fine-tune'));
  if (job.status === 'running') {
    return (
      <button
        type="button"
        className="button"
        data-testid="cancel-job"
        disabled={isCancelling}
        aria-label={t('jobs.cancel.label', { job: jobLabel(job) })}
        onClick={() => void store.getState().cancel(job.jobId)}
      >
        {isCancelling ? t('jobs.cancelling') : t('jobs.cancel')}
      </button>
    );
  }
  if (!isResumable(job)) return null;
  return (
    <button
      type="button"
      className="button"
      data-testid="resume-job"
      disabled={isResuming || fineTuneRunning}
      title={fineTuneRunning ? t('finetune.running') : t('jobs.resume.help')}
      aria-label={t('jobs.resume.label', { job: jobLabel(job) })}
      onClick={() => void store.getState().resume(job.jobId)}
    >
      {isResuming ? t('jobs.resuming') : t('jobs.resume')}
    </button>
  );
}
