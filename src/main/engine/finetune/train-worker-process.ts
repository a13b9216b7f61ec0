import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startEngineWorker } from '../workers/start-engine-worker';

/** The training worker, bundled or from source (see startEngineWorker). */
export function startTrainWorker(): Worker {
  return startEngineWorker('train-worker', resolve(__dirname, '../training/train-worker.ts'));
}
