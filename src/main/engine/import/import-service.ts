import { basename } from 'node:path';
import type { ImportFormat, ImportReport, ImportTarget, ImportTask } from '../../../shared/contract';
import type { IngestService } from '../ingest/ingest-service';
import type { CatalogRepository, EventRepository } from '../store';
import { FieldError } from './field-error';
import { ImportQueue } from './import-queue';
import { runImport, type ImportStores } from './import-run';
import { fileLineSource, textLineSource } from './source-lines';
import type { ImportEncoding } from './text-decoding';

export interface ImportDeps {
  events: EventRepository;
  catalog: CatalogRepository;
  ingest: IngestService;
  onCatalogChange: () => void;
  /** Every change of an import in the queue, for the console (the `imports.changed` topic). */
  onTaskChange?: (task: ImportTask) => void;
  maxFutureSkewMs: number;
}

/**
 * Reads CSV, JSONL, GA4 and Segment exports into the store; every row ends up stored, duplicate,
 * skipped or rejected with a reason. Imports are queued and run one at a time, in chunks that give
 * the event loop back between them, so serving goes on while a file comes in.
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
    };
  }

  /** A file on this machine, streamed from disk (the command line). */
  importFile(path: string, format: ImportFormat, target: ImportTarget, options: { encoding?: ImportEncoding } = {}): Promise<ImportReport> {
    const source = fileLineSource(path, options.encoding ?? 'utf-8');
    return this.queue.enqueue({ file: basename(path), format, target, total: source.total }, (control) =>
      runImport({ file: basename(path), format, target, source }, this.stores, control),
    );
  }

  /** Text the console read from a file (`import.text`). */
  importText(file: string, content: string, format: ImportFormat, target: ImportTarget): Promise<ImportReport> {
    if (target === 'catalog' && (format === 'ga4' || format === 'segment')) {
      return Promise.reject(new FieldError('format', `${format} files carry events, not a catalogue`));
    }
    const source = textLineSource(content);
    return this.queue.enqueue({ file, format, target, total: source.total }, (control) => runImport({ file, format, target, source }, this.stores, control));
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
