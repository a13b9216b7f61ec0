/**
 * worker_threads entry of the encoder pool (encoder-pool.ts): loads its own SentenceEncoder from
 * `workerData`, says `ready` (or `load-failed`), then embeds each chunk it is sent, tokenising
 * here so the calling thread only passes strings. Plain Node, no electron.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { InferenceLog } from './encoder-session';
import { transferError, type EncoderWorkerConfig, type FromEncoderWorker, type ToEncoderWorker } from './encoder-worker-messages';
import { SentenceEncoder } from './sentence-encoder';

function parent(): MessagePort {
  if (parentPort === null) throw new Error('encoder-worker.ts must run inside a worker thread');
  return parentPort;
}

const port = parent();
const send = (message: FromEncoderWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const log: InferenceLog = {
  info: (message) => send({ type: 'log', level: 'info', message }),
  warn: (message) => send({ type: 'log', level: 'warn', message }),
};

async function serve(config: EncoderWorkerConfig): Promise<void> {
  let encoder: SentenceEncoder;
  try {
    encoder = await SentenceEncoder.load({ ...config, log });
  } catch (err) {
    send({ type: 'load-failed', error: transferError(err) });
    return;
  }
  // The pool sends one chunk at a time; `working` is the one in hand, which a stop waits for.
  let working: Promise<void> = Promise.resolve();
  port.on('message', (m: ToEncoderWorker) => {
    if (m.type === 'stop') {
      // process.exit in a worker ends this thread only, and here no native call is in progress.
      void working.then(() => encoder.dispose()).finally(() => process.exit(0));
      return;
    }
    working = encoder.embed(m.texts).then(
      // Each row owns its buffer (meanPoolNormalize allocates one per row): hand them over, no copy.
      (vectors) => send({ type: 'embedded', chunk: m.chunk, vectors }, vectors.map((v) => v.buffer as ArrayBuffer)),
      (err: unknown) => send({ type: 'chunk-failed', chunk: m.chunk, error: transferError(err) }),
    );
  });
  send({ type: 'ready', provider: encoder.provider, modelVersion: encoder.modelVersion, dimensions: encoder.dimensions, record: encoder.providerRecord });
}

void serve(workerData as EncoderWorkerConfig);
