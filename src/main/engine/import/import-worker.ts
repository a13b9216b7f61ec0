/**
 * Worker-thread entry of an import (import-run.ts starts one per import): reads the file or text,
 * decodes, parses, maps and checks it into chunks of rows on request (`pull`), so the engine's
 * thread only stores them. When the engine asks (between two of its commits), it checkpoints the
 * store's WAL from its own connection, so the copy and its fsync stay off the engine's thread too.
 * `close` checkpoints once more and ends the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { checkpointPassive, openCheckpointConnection } from '../store/database';
import { FieldError } from './field-error';
import { checkImportBody } from './import-body';
import type { CheckpointResult, ImportBodyWorkerData, ImportWorkerData, ImportWorkerReply, ImportWorkerRequest } from './import-messages';
import { ImportParser } from './import-parser';
import { fileLineSource, textLineSource, type LineSource } from './source-lines';

function post(reply: ImportWorkerReply): void {
  parentPort?.postMessage(reply);
}

function lineSource(data: ImportWorkerData): LineSource {
  const source = data.source;
  if (source.kind === 'file') return fileLineSource(source.path, source.encoding);
  // A large HTTP body, encoded as UTF-8 by checkImportBody (lone surrogates of the JSON became U+FFFD).
  return textLineSource(source.kind === 'bytes' ? new TextDecoder().decode(source.bytes) : source.text);
}

/** The worker's own connection to the store, opened on first use; a failure of its own never stops the import. */
class WalCheckpointer {
  private db: Database | undefined;

  constructor(private readonly file: string | undefined) {}

  run(): CheckpointResult {
    if (this.file === undefined) return null;
    try {
      this.db ??= openCheckpointConnection(this.file);
      return checkpointPassive(this.db);
    } catch {
      // A busy or missing store: the engine's own connection checkpoints again once the import ends.
      return null;
    }
  }

  close(): CheckpointResult {
    const result = this.run();
    this.db?.close();
    this.db = undefined;
    return result;
  }
}

function serve(port: NonNullable<typeof parentPort>, data: ImportWorkerData): void {
  const checkpointer = new WalCheckpointer(data.checkpointFile);
  let parser: ImportParser | undefined;
  // Requests are handled one at a time, in order.
  let queue = Promise.resolve();
  const handle = async (request: ImportWorkerRequest): Promise<void> => {
    if (request.type === 'close') {
      await parser?.close().catch(() => undefined);
      post({ type: 'closed', result: checkpointer.close() });
      port.close();
      return;
    }
    if (request.type === 'checkpoint') {
      post({ type: 'checkpointed', result: checkpointer.run() });
      return;
    }
    try {
      parser ??= new ImportParser(lineSource(data), data);
      post({ type: 'chunk', chunk: await parser.next(request.rows) });
    } catch (err) {
      if (err instanceof FieldError) post({ type: 'failed', field: err.field, message: err.message });
      else post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  port.on('message', (request: ImportWorkerRequest) => {
    queue = queue.then(() => handle(request));
  });
}

/** Checks a large import.text body (import-body.ts), answers once, and ends; the content goes back moved, not copied. */
function checkBody(port: NonNullable<typeof parentPort>, data: ImportBodyWorkerData): void {
  const check = checkImportBody(data.body);
  port.postMessage(check, check.ok ? [check.content.buffer as ArrayBuffer] : []);
  port.close();
}

const data = workerData as ImportWorkerData | ImportBodyWorkerData;
if (parentPort) {
  if ('kind' in data && data.kind === 'body') checkBody(parentPort, data);
  else serve(parentPort, data as ImportWorkerData);
}
