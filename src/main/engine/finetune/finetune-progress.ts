import type { JobProgress } from '../../../shared/contract';
import type { JobContext } from '../jobs/job-runner';
import type { TrainingProgress } from '../training/loop/progress';

/**
 * The job's share of a run's epochs: the lineage had trained `epochOffset` epochs before this job
 * (an incremental run continues from the serving version), the job asked for at most `epochs`
 * validated epochs, and `refitEpochs` refit epochs follow them.
 */
export interface EpochSpan {
  epochOffset: number;
  epochs: number;
  refitEpochs: number;
}

/**
 * A training report as job progress, counted in the job's own epochs (1..epochs, whether it started
 * fresh or resumed) plus its refit epochs: the bar's total is `epochs + refit` epochs of steps. A
 * run that stops early skips the validated epochs it did not need, so its bar jumps to the refit
 * part, and it ends full either way. Refit steps say "refit k/n".
 */
export function jobProgress(p: TrainingProgress, span: EpochSpan): JobProgress {
  const n = p.stepsPerEpoch;
  const epoch = p.epoch - span.epochOffset;
  const refit = p.refit;
  const total = n * (span.epochs + (refit?.of ?? span.refitEpochs));
  const done = refit ? (span.epochs + refit.epoch - 1) * n + p.step : (epoch - 1) * n + p.step;
  return {
    done: Math.min(total, done),
    total,
    rate: 0,
    etaSeconds: p.etaSeconds,
    message: refit ? `refit ${refit.epoch}/${refit.of}` : `epoch ${epoch}/${span.epochs}`,
    metrics: { epoch, loss: p.loss, ...(refit ? { refitEpoch: refit.epoch, refitEpochs: refit.of } : {}), ...(p.valNdcg !== null ? { valNdcg: p.valNdcg } : {}) },
  };
}

/**
 * One job's progress from its members' latest reports: the slowest member's position (the job ends
 * when it does; its epoch, message and figures), its loss replaced by the mean of the members'
 * latest losses. Nothing until every member has reported (the slowest is not known before).
 */
export function ensembleProgress(latest: readonly (JobProgress | undefined)[]): JobProgress | undefined {
  if (latest.some((p) => p === undefined)) return undefined;
  const seen = latest as readonly JobProgress[];
  const share = (p: JobProgress): number => (p.total > 0 ? p.done / p.total : 0);
  const slowest = seen.reduce((a, b) => (share(b) < share(a) ? b : a));
  const losses = seen.flatMap((p) => (p.metrics?.loss !== undefined ? [p.metrics.loss] : []));
  if (losses.length === 0 || slowest.metrics === undefined) return slowest;
  return { ...slowest, metrics: { ...slowest.metrics, loss: losses.reduce((a, b) => a + b, 0) / losses.length } };
}

/** Reports the members' training progress (member k over `spans[k]`) to the job as one `ensembleProgress`. */
export function reportEnsemble(ctx: JobContext, spans: readonly EpochSpan[]): (member: number, progress: TrainingProgress) => void {
  const latest: (JobProgress | undefined)[] = spans.map(() => undefined);
  return (member, progress) => {
    latest[member] = jobProgress(progress, spans[member]!);
    const combined = ensembleProgress(latest);
    if (combined) ctx.report(combined);
  };
}
