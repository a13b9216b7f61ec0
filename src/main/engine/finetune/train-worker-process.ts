import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The training worker: the bundled file next to the built main process, or the TypeScript source
 * (through tsx) when the engine itself runs from source (CLI, demo, tests).
 */
export function startTrainWorker(): Worker {
  const built = join(__dirname, 'train-worker.js');
  if (existsSync(built)) return new Worker(built);
  const source = resolve(__dirname, '../training/train-worker.ts');
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
}
