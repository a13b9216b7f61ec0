import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startEngineWorker } from '../engine/workers/start-engine-worker';
import type { SimulatorThreadConfig } from '../simulator/thread-messages';

/** Starts the simulator's worker thread (src/main/simulator/simulator-worker.ts) at the serving threads' priority, like any client. */
export const startSimulatorWorker = (config: SimulatorThreadConfig): Worker =>
  startEngineWorker('simulator-worker', resolve(__dirname, '../simulator/simulator-worker.ts'), { workerData: config, priority: 'serving' });
