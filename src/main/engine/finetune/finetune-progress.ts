import type { JobProgress } from '../../../shared/contract';
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
    metrics: { epoch, loss: p.loss, ...(refit ? { refitEpoch: refit.epoch } : {}), ...(p.valNdcg !== null ? { valNdcg: p.valNdcg } : {}) },
  };
}
