import type { JobProgress } from '../../../shared/contract';
import type { JobContext } from '../jobs/job-runner';
import type { TrainRequest } from '../training/trainingMessages';
import type { EpochSpan, TrainingDone } from './train-in-worker';

export type TrainOne = (request: TrainRequest, ctx: JobContext, span: EpochSpan) => Promise<TrainingDone>;

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

/**
 * Trains an ensemble's members at once, each with its own `train` (a worker thread each, by
 * default) and its own cancel signal. The job's cancel cancels every member (each worker is asked
 * to stop and answers 'cancelled'; none is terminated mid-step); a member that fails cancels the
 * others, and once all have stopped the job fails with that member's error. `onDone` sees each
 * member as it finishes, before the others do. Resolves with every member's result, in order.
 */
export async function trainEnsemble(members: readonly { request: TrainRequest; span: EpochSpan }[], ctx: JobContext, train: TrainOne, onDone: (k: number, done: TrainingDone) => void): Promise<TrainingDone[]> {
  const controllers = members.map(() => new AbortController());
  const stopAll = (): void => controllers.forEach((c) => c.abort());
  ctx.signal.addEventListener('abort', stopAll);
  if (ctx.signal.aborted) stopAll();
  const latest: (JobProgress | undefined)[] = members.map(() => undefined);
  let failure: { error: unknown } | undefined;
  try {
    const settled = await Promise.allSettled(
      members.map(({ request, span }, k) =>
        train(
          request,
          {
            signal: controllers[k]!.signal,
            report: (p) => {
              latest[k] = p;
              const combined = ensembleProgress(latest);
              if (combined) ctx.report(combined);
            },
          },
          span,
        ).then(
          (done) => {
            onDone(k, done);
            return done;
          },
          (err: unknown) => {
            // The first member to fail (not one cancelled because of it, nor by the job) stops the others.
            if (failure === undefined && !controllers[k]!.signal.aborted) {
              failure = { error: err };
              stopAll();
            }
            throw err;
          },
        ),
      ),
    );
    if (failure !== undefined) throw failure.error;
    return settled.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
  } finally {
    ctx.signal.removeEventListener('abort', stopAll);
  }
}
