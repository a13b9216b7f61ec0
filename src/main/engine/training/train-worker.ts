/**
 * worker_threads entry for a fine-tuning job: post a `TrainRequest` to start, `{ type: 'cancel' }`
 * to stop; the worker posts `WorkerMessage`s (progress, then done / cancelled / error) and exits
 * its message loop when the run ends. Plain Node, no electron.
 */
import { parentPort } from 'node:worker_threads';
import { runTrainingRequest } from './run-training-request';
import type { WorkerMessage, WorkerRequest } from './training-messages';

const port = parentPort;
if (port === null) throw new Error('train-worker.ts must run inside a worker thread');
const controller = new AbortController();
let running = false;

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  if (running) {
    port.postMessage({ type: 'error', message: 'this worker is already training' } satisfies WorkerMessage);
    return;
  }
  running = true;
  void runTrainingRequest(message, (m) => port.postMessage(m), controller.signal).finally(() => port.close());
});
