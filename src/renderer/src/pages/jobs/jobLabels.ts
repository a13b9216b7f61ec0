import type { Job } from '../../transport/contract';
import { hasMessage, t } from '../../i18n/translate';
import { keyInWords, memberFigure, type FineTuneStage } from '../../stores/fineTuneStage';

/** A job's name for people: its kind in words plus the start of its id, e.g. "Catalogue embedding 3f2a91". */
export function jobLabel(job: Pick<Job, 'kind' | 'jobId'>): string {
  const key = `jobs.kind.${job.kind}`;
  return `${hasMessage(key) ? t(key) : job.kind} ${job.jobId.slice(0, 6)}`;
}

export function statusLabel(status: Job['status']): string {
  return t(`jobs.status.${status}`);
}

/** A fine-tune job's stage in words, e.g. "Choosing the configuration", "Epoch 2 of at most 3" or "Refit epoch 1 of 3". */
export function stageText(stage: FineTuneStage): string {
  if (stage.phase === 'selecting') return t('jobs.stage.selecting');
  if (stage.phase === 'validated') return t('jobs.stage.epoch', { epoch: stage.epoch, of: stage.of });
  return stage.of === null ? t('jobs.stage.refitOpen', { epoch: stage.epoch }) : t('jobs.stage.refit', { epoch: stage.epoch, of: stage.of });
}

/** A result figure's label: its own message, a member's figure by number, else its key in words (never a raw key). */
export function figureLabel(key: string, job: Pick<Job, 'params'>): string {
  const member = memberFigure(key);
  if (member) return t(member.figure === 'valNdcg' ? 'jobs.result.memberValNdcg' : 'jobs.result.memberBestEpoch', { member: member.member });
  // An incremental run's epochs continue the serving version's count.
  if (key === 'bestEpoch' && typeof job.params.from === 'string') return t('jobs.result.bestEpochContinued', { version: job.params.from });
  const label = `jobs.result.${key}`;
  return hasMessage(label) ? t(label) : keyInWords(key);
}
