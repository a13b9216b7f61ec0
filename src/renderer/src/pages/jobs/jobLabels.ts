import type { Job } from '../../transport/contract';
import { hasMessage, t } from '../../i18n/translate';

/** A job's name for people: its kind in words plus the start of its id, e.g. "Catalogue embedding 3f2a91". */
export function jobLabel(job: Pick<Job, 'kind' | 'jobId'>): string {
  const key = `jobs.kind.${job.kind}`;
  return `${hasMessage(key) ? t(key) : job.kind} ${job.jobId.slice(0, 6)}`;
}

export function statusLabel(status: Job['status']): string {
  return t(`jobs.status.${status}`);
}
