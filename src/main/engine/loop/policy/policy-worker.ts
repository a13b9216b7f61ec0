/**
 * Worker-thread entry of a policy-training job: opens the store read-only on its own connection,
 * fits the policy (policy-training.ts) and posts progress and the result. The engine's event loop
 * never runs the fit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../store';
import { fitPolicy, type PolicyTrainingOptions } from './policy-training';

export interface PolicyWorkerData extends PolicyTrainingOptions {
  readonly dbPath: string;
}

export type PolicyWorkerMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly fit: ReturnType<typeof fitPolicy>; readonly seconds: number }
  | { readonly type: 'error'; readonly message: string };

function post(message: PolicyWorkerMessage): void {
  parentPort?.postMessage(message);
}

if (parentPort) {
  const data = workerData as PolicyWorkerData;
  const started = Date.now();
  try {
    const db = openDatabase(data.dbPath, { readonly: true });
    try {
      const fit = fitPolicy(db, data, (done, total) => post({ type: 'progress', done, total }));
      post({ type: 'done', fit, seconds: (Date.now() - started) / 1000 });
    } finally {
      db.close();
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
