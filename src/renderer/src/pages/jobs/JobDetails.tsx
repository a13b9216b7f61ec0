import type { Job } from '../../transport/contract';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { fineTuneStage, memberFigure } from '../../stores/fineTuneStage';
import { resultFigures, type ResultFigure } from '../../stores/jobList';
import { figureLabel, jobLabel, stageText } from './jobLabels';
import { POLICY_REWARD_KEYS, POLICY_RESULT_ORDER, policyFigureValue, PolicyWarnings } from './policyJobResult';

/** Fine-tune results lead with the version and its score. */
const FINE_TUNE_ORDER = ['version', 'afterNdcg10', 'beforeNdcg10', 'comparedWith', 'comparisonCases', 'valNdcg', 'comparisonSkipped', 'comparisonNote', 'bestEpoch', 'resumedAfterEpoch', 'fromServingReason', 'budgetEnded', 'seconds', 'sequences'];
/** Ranking metrics need four decimals to tell versions apart. */
const METRIC_KEYS = new Set(['valNdcg', 'loss', 'afterNdcg10', 'beforeNdcg10', ...POLICY_REWARD_KEYS]);

function figureValue(key: string, value: string | number): string {
  if (typeof value === 'string') return value;
  const policyValue = policyFigureValue(key, value);
  if (policyValue !== null) return policyValue;
  if (METRIC_KEYS.has(key) || memberFigure(key)?.figure === 'valNdcg') return value.toFixed(4);
  return Number.isInteger(value) ? formatNumber(value) : value.toFixed(1);
}

/**
 * A fine-tune's figures; a first fine-tune (nothing served to compare with) says so in words in
 * place of a blank "Compared with".
 */
function fineTuneFigures(job: Job): ResultFigure[] {
  const figures = resultFigures(job, FINE_TUNE_ORDER);
  const r = job.result;
  if (!r || r.afterNdcg10 === undefined || r.beforeNdcg10 !== undefined || r.comparedWith !== undefined) return figures;
  const at = figures.findIndex((f) => f.key === 'afterNdcg10');
  return [...figures.slice(0, at + 1), { key: 'comparedWith', value: t('jobs.result.noServing') }, ...figures.slice(at + 1)];
}

/** What a job says about itself: its error, its result figures once finished, else its latest message. */
export function JobDetails({ job }: { job: Job }) {
  const variant = typeof job.params.variant === 'string' ? job.params.variant : null;
  const resumes = typeof job.params.resumes === 'string' ? job.params.resumes : null;
  const figures = job.kind === 'fine-tune' ? fineTuneFigures(job) : job.kind === 'train-policy' ? resultFigures(job, POLICY_RESULT_ORDER) : resultFigures(job);
  const stage = fineTuneStage(job);
  // The choice of configuration reports its trials in the engine's words; training, in the job's own epochs.
  const message = stage && stage.phase !== 'selecting' ? stageText(stage) : (job.progress?.message ?? null);
  return (
    <div className="job-details">
      {job.error ? <p className="job-error">{t('jobs.error', { message: job.error })}</p> : null}
      {figures.length > 0 ? (
        <dl className="job-result" data-testid="job-result">
          {figures.map(({ key, value }) => {
            return (
              <div key={key}>
                <dt>{figureLabel(key, job)}</dt>
                <dd className={typeof value !== 'string' ? 'tabular' : value.includes(' ') ? undefined : 'mono'}>{figureValue(key, value)}</dd>
              </div>
            );
          })}
        </dl>
      ) : message ? (
        <p className="job-message">{message}</p>
      ) : null}
      {job.kind === 'fine-tune' && figures.length > 0 ? <p className="muted small job-param" data-testid="ndcg-note">{t('jobs.result.ndcgNote')}</p> : null}
      {job.kind === 'train-policy' ? <PolicyWarnings job={job} /> : null}
      {variant ? <p className="muted job-param">{t('jobs.variant', { variant })}</p> : null}
      {resumes ? <p className="muted job-param">{t('jobs.resumes', { job: jobLabel({ kind: job.kind, jobId: resumes }) })}</p> : null}
    </div>
  );
}
