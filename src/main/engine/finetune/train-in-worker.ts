import type { JobContext } from '../jobs/job-runner';
import type { TrainRequest, WorkerMessage } from '../training/trainingMessages';
import { startTrainWorker } from './train-worker-process';

export type TrainingDone = Extract<WorkerMessage, { type: 'done' }>;

/**
 * The job's share of a run's epochs: the lineage had trained `epochOffset` epochs before this job
 * (an incremental run continues from the serving version), and the job asked for `epochs` more.
 * Progress counts the job's own epochs, 1..epochs, whether it started fresh or resumed.
 */
export interface EpochSpan {
  epochOffset: number;
  epochs: number;
}

/** Runs one training request in a worker thread: progress to the job, the job's cancel to the worker. */
export function trainInWorker(request: TrainRequest, ctx: JobContext, span: EpochSpan): Promise<TrainingDone> {
  const worker = startTrainWorker();
  return new Promise<TrainingDone>((resolve, reject) => {
    const onAbort = (): void => worker.postMessage({ type: 'cancel' });
    ctx.signal.addEventListener('abort', onAbort);
    const finish = (): void => {
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        const p = m.progress;
        const epoch = p.epoch - span.epochOffset;
        const total = p.stepsPerEpoch * span.epochs;
        const done = Math.min(total, (epoch - 1) * p.stepsPerEpoch + p.step);
        ctx.report({ done, total, rate: 0, etaSeconds: p.etaSeconds, message: `epoch ${epoch}`, metrics: { epoch, loss: p.loss, ...(p.valNdcg !== null ? { valNdcg: p.valNdcg } : {}) } });
      } else if (m.type === 'done') {
        finish();
        resolve(m);
      } else {
        finish();
        reject(new Error(m.type === 'cancelled' ? 'cancelled' : m.message));
      }
    });
    worker.on('error', (err) => {
      finish();
      reject(err);
    });
    worker.postMessage(request);
  });
}
