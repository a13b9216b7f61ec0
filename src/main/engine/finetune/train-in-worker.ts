import type { JobContext } from '../jobs/job-runner';
import type { TrainRequest, WorkerMessage } from '../training/trainingMessages';
import { jobProgress, type EpochSpan } from './finetune-progress';
import { startTrainWorker } from './train-worker-process';

export type { EpochSpan } from './finetune-progress';

export type TrainingDone = Extract<WorkerMessage, { type: 'done' }>;

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
        ctx.report(jobProgress(m.progress, span));
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
    // Cancelled before it started (another member failed at once): it still stops at its first step.
    if (ctx.signal.aborted) onAbort();
  });
}
