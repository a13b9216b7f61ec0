import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startEngineWorker } from '../workers/start-engine-worker';
import { FieldError } from './field-error';
import type { CheckpointResult, ImportWorkerData, ImportWorkerReply, ImportWorkerRequest, ParsedChunk } from './import-messages';

/** How long a closing worker may take for its last checkpoint before it is stopped. */
const CLOSE_TIMEOUT_MS = 5000;

/** An import's chunks as they come from its parser, in order. */
export interface ChunkStream {
  /** Asks for one more chunk of about `rows` rows. */
  request(rows: number): void;
  /** The next chunk asked for; undefined if `signal` aborts first. Rejects with the parser's failure. */
  next(signal: AbortSignal): Promise<ParsedChunk | undefined>;
  /**
   * Has the worker checkpoint the WAL from its own connection, after the requests sent before;
   * the engine writes nothing of the import meanwhile, so the checkpoint can complete and the WAL
   * start over at the next commit.
   */
  checkpoint(): Promise<CheckpointResult>;
  /** Ends the parser (after its last checkpoint) and waits for it. */
  close(): Promise<void>;
}

export type StartImportWorker = (data: ImportWorkerData) => Worker;

/** The import worker, bundled or from source (see startEngineWorker), below serving's priority. */
export const startImportWorker: StartImportWorker = (data) =>
  startEngineWorker('import-worker', resolve(__dirname, 'import-worker.ts'), { workerData: data, transferList: movable(data) });

/** Bytes (a large HTTP body) that own their whole buffer are moved to the worker, not copied on the engine's thread. */
function movable(data: ImportWorkerData): ArrayBuffer[] {
  if (data.source.kind !== 'bytes') return [];
  const { buffer, byteOffset, byteLength } = data.source.bytes;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength ? [buffer] : [];
}

/** Runs an import's parsing on its own worker thread. */
export function parserThread(data: ImportWorkerData, start: StartImportWorker = startImportWorker): ChunkStream {
  const worker = start(data);
  const replies: ImportWorkerReply[] = [];
  /** Callers of checkpoint(), answered in order. */
  const checkpoints: ((result: CheckpointResult) => void)[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let exited = false;
  const exit = new Promise<void>((done) =>
    worker.once('exit', (code) => {
      exited = true;
      failure ??= new Error(`the import worker exited with code ${code}`);
      for (const answer of checkpoints.splice(0)) answer(null);
      wake?.();
      done();
    }),
  );
  worker.on('message', (reply: ImportWorkerReply) => {
    if (reply.type === 'checkpointed') return checkpoints.shift()?.(reply.result);
    if (reply.type === 'closed') return;
    replies.push(reply);
    wake?.();
  });
  worker.on('error', (err) => {
    failure ??= err;
    wake?.();
  });
  const send = (request: ImportWorkerRequest): void => {
    if (!exited) worker.postMessage(request);
  };

  return {
    request: (rows) => send({ type: 'pull', rows }),
    async next(signal) {
      for (;;) {
        if (signal.aborted) return undefined;
        const reply = replies.shift();
        if (reply?.type === 'chunk') return reply.chunk;
        if (reply?.type === 'failed') throw new FieldError(reply.field, reply.message);
        if (reply?.type === 'error') throw new Error(reply.message);
        if (reply === undefined && failure) throw failure;
        if (reply !== undefined) continue;
        await new Promise<void>((done) => {
          const onAbort = (): void => done();
          signal.addEventListener('abort', onAbort, { once: true });
          wake = () => {
            signal.removeEventListener('abort', onAbort);
            done();
          };
        });
        wake = undefined;
      }
    },
    checkpoint() {
      if (exited) return Promise.resolve(null);
      return new Promise<CheckpointResult>((answer) => {
        checkpoints.push(answer);
        send({ type: 'checkpoint' });
      });
    },
    async close() {
      if (exited) return;
      send({ type: 'close' });
      const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
      await exit;
      clearTimeout(timer);
    },
  };
}
