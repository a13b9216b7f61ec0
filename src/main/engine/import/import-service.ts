import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ImportFormat, ImportReport, ImportTarget, ImportTask } from '../../../shared/contract';
import type { IngestService } from '../ingest/ingest-service';
import type { CatalogRepository, EventRepository } from '../store';
import { FieldError } from './field-error';
import type { ImportSource } from './import-messages';
import { ImportQueue } from './import-queue';
import { runImport, type ImportStores, type WalCheckpoints } from './import-run';
import type { ImportEncoding } from './text-decoding';

export interface ImportDeps {
  events: EventRepository;
  catalog: CatalogRepository;
  ingest: IngestService;
  onCatalogChange: () => void;
  /** Every change of an import in the queue, for the console (the `imports.changed` topic). */
  onTaskChange?: (task: ImportTask) => void;
  maxFutureSkewMs: number;
  /** Requests the engine has started so far (the dispatcher's count): while it moves, imports take a smaller share of the thread. */
  requestsStarted?: () => number;
  /** The store file and the engine's connection: the import's worker checkpoints the WAL while the engine writes. */
  database?: { file: string; connection: Database };
}

/**
 * Reads CSV, JSONL, GA4 and Segment exports into the store; every row ends up stored, duplicate,
 * skipped or rejected with a reason. Imports are queued and run one at a time: each is read and
 * checked on its own worker thread, and stored on the engine's in chunks that give the event loop
 * back between them, so serving goes on while a file comes in.
 */
export class ImportService {
  private readonly queue: ImportQueue;
  private readonly stores: ImportStores;

  constructor(deps: ImportDeps) {
    this.queue = new ImportQueue((task) => deps.onTaskChange?.(task));
    this.stores = {
      events: deps.events,
      catalog: deps.catalog,
      announce: (outcome) => deps.ingest.announce(outcome),
      onCatalogChange: deps.onCatalogChange,
      maxFutureSkewMs: deps.maxFutureSkewMs,
      ...(deps.requestsStarted ? { requestsStarted: deps.requestsStarted } : {}),
      ...(deps.database ? { database: deps.database } : {}),
    };
  }

  /** Who checkpoints the WAL during imports (docs/IMPORT.md): the import's worker (default) or the engine's own commits. */
  set walCheckpoints(mode: WalCheckpoints) {
    this.stores.walCheckpoints = mode;
  }

  /** A file on this machine, streamed from disk by the import's worker (the command line). */
  importFile(path: string, format: ImportFormat, target: ImportTarget, options: { encoding?: ImportEncoding } = {}): Promise<ImportReport> {
    const total = statSync(path).size;
    return this.enqueue(basename(path), format, target, total, { kind: 'file', path, encoding: options.encoding ?? 'utf-8' });
  }

  /** Text the console read from a file (`import.text`). */
  importText(file: string, content: string, format: ImportFormat, target: ImportTarget): Promise<ImportReport> {
    if (target === 'catalog' && (format === 'ga4' || format === 'segment')) {
      return Promise.reject(new FieldError('format', `${format} files carry events, not a catalogue`));
    }
    return this.enqueue(file, format, target, content.length, { kind: 'text', text: content });
  }

  /** Text sent as a large HTTP body, already checked and encoded as UTF-8 off the engine's thread (server/http-server.ts). */
  importBytes(file: string, content: { bytes: Uint8Array; chars: number }, format: ImportFormat, target: ImportTarget): Promise<ImportReport> {
    if (target === 'catalog' && (format === 'ga4' || format === 'segment')) {
      return Promise.reject(new FieldError('format', `${format} files carry events, not a catalogue`));
    }
    return this.enqueue(file, format, target, content.chars, { kind: 'bytes', bytes: content.bytes });
  }

  private enqueue(file: string, format: ImportFormat, target: ImportTarget, total: number, source: ImportSource): Promise<ImportReport> {
    // The body (and the text it holds) is released by the queue once the import starts; the worker has its own copy.
    return this.queue.enqueue({ file, format, target, total }, (control) => runImport({ file, format, target, source }, this.stores, control, total));
  }

  list(): ImportTask[] {
    return this.queue.list();
  }

  cancel(importId: string): ImportTask {
    return this.queue.cancel(importId);
  }

  /** Stops imports before the store closes. */
  close(): Promise<void> {
    return this.queue.close();
  }
}
