/**
 * Worker-thread entry of a serving replica (serving-pool.ts starts it): loads the replica, says
 * ready, then applies updates and ranks lists in the order the engine sent them.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ServingReplica } from './serving-replica';
import type { ServingReply, ServingRequest, ServingWorkerData } from './serving-messages';

function post(reply: ServingReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(reply, transfer);
}

if (parentPort) {
  const port = parentPort;
  const started = performance.now();
  let replica: ServingReplica | undefined;
  try {
    replica = new ServingReplica(workerData as ServingWorkerData, (message) => post(message));
    const heap = getHeapStatistics();
    post({
      type: 'ready',
      appliedSeq: replica.seq,
      items: replica.itemCount,
      indexItems: replica.load.items,
      loadMs: performance.now() - started,
      heapMb: heap.used_heap_size / 2 ** 20,
      externalMb: heap.external_memory / 2 ** 20,
    });
  } catch (err) {
    post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  }
  port.on('message', (message: ServingRequest) => {
    if (!replica) return;
    if (message.type === 'close') {
      replica.close();
      replica = undefined;
      port.close();
      return;
    }
    if (message.type !== 'rank') {
      try {
        replica.apply(message);
      } catch (err) {
        // An update that cannot be applied (a model file that will not load) must not stop serving: the request naming it fails and is ranked by the engine.
        console.warn(`[serving] update ${message.type} not applied:`, err instanceof Error ? err.message : err);
      }
      return;
    }
    try {
      const outcome = replica.rank(message);
      post({ type: 'ranked', id: message.id, outcome }, [outcome.features.buffer as ArrayBuffer]);
    } catch (err) {
      post({ type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) });
    }
  });
}
