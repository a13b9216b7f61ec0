/**
 * The real encoder worker, which dies the way a worker thread can (an uncaught exception) when
 * it is sent a chunk containing the text 'die now'. This listener is added before the real
 * worker's, which waits for its model to load.
 */
import { parentPort } from 'node:worker_threads';
import '../../src/main/engine/inference/encoder-worker';

parentPort?.on('message', (m: { texts?: string[] }) => {
  if (m.texts?.includes('die now')) throw new Error('boom');
});
