import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import { CatalogItem, EventInput, issuePath, requestProblem, type ImportFormat, type ImportReport, type ImportTarget } from '../../../shared/contract';
import type { CatalogRepository, EventRepository, InsertOutcome } from '../store';
import { futureSkewProblem } from '../ingest/future-skew';
import { recordToItem } from './catalog-mapping';
import { CsvRecordReader } from './csv-records';
import { contentEventId, recordToEvent } from './event-mapping';
import { FieldError } from './field-error';
import { mapGa4Row } from './ga4-mapping';
import { ImportReportBuilder } from './import-report';
import { JsonlRecordReader } from './jsonl-records';
import type { MappedRecord } from './mapped-record';
import { mapSegmentMessage } from './segment-mapping';
import type { LineSource } from './source-lines';
import type { SourceItem } from './source-record';

/** Most rows per transaction: a crash mid-import loses at most the chunk in flight, and a re-import is idempotent. */
export const CHUNK_ROWS = 1000;
const MIN_CHUNK_ROWS = 20;
/** The work the import does per turn of the event loop (reading, checking and storing a chunk) before requests get theirs. */
export const SLICE_MS = 10;
/**
 * The slice while requests are being served (the turn between two slices had other work): each
 * list waits for at most one slice on the engine's thread, twice when a serving worker ranks it.
 */
export const BUSY_SLICE_MS = 3;
/** Events of each chunk announced to the live feed and the behaviour signals: the chunk's tail. */
const ANNOUNCED_PER_CHUNK = 20;

export interface ImportStores {
  events: EventRepository;
  catalog: CatalogRepository;
  /** Tells the live feed and the caches about stored events (the ingest path's announce). */
  announce(outcome: InsertOutcome): void;
  onCatalogChange(): void;
  /** Events further ahead of this machine's clock are rejected. */
  maxFutureSkewMs: number;
  now?: () => number;
}

export interface ImportJob {
  file: string;
  format: ImportFormat;
  target: ImportTarget;
  source: LineSource;
}

export interface ImportControl {
  signal: AbortSignal;
  /** After each stored chunk: the report so far (only rows of committed chunks count as stored). */
  progress(report: ImportReport, done: number, total: number): void;
}

interface Row<T> {
  line: number;
  values: T[];
}

/**
 * Reads, checks and stores one import in bounded chunks: a slice of lines at a time (at most
 * CHUNK_ROWS rows or SLICE_MS of work), each chunk stored in its own transaction through the same
 * repositories as live ingest, then the event loop gets its turn before the next slice.
 */
export async function runImport(job: ImportJob, stores: ImportStores, control: ImportControl): Promise<ImportReport> {
  if (job.target === 'catalog' && (job.format === 'ga4' || job.format === 'segment')) {
    throw new FieldError('format', `${job.format} files carry events, not a catalogue`);
  }
  const builder = new ImportReportBuilder(job.file, job.format, job.target);
  const report = builder.report;
  const reader = job.format === 'csv' ? new CsvRecordReader() : new JsonlRecordReader();
  const now = stores.now ?? Date.now;
  const events: Row<EventInput>[] = [];
  const items: Row<CatalogItem>[] = [];
  /** Catalogue ids seen in this file, with the line of their first row. */
  const seenItems = new Map<string, number>();
  let pendingRows = 0;
  /** Rows per chunk, fitted as the import goes so that a chunk's whole turn takes about SLICE_MS. */
  let chunkRows = 100;
  const out: SourceItem[] = [];

  const take = (item: SourceItem): void => {
    report.rowsRead++;
    if (item.kind === 'problem') return builder.reject(item.line, item.field, item.reason);
    const hostile = requestProblem(item.value);
    if (hostile) return builder.reject(item.line, issuePath(hostile.path), hostile.message);
    let mapped: MappedRecord;
    try {
      mapped = mapRecord(item.value, job.format, job.target);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return builder.reject(item.line, err.field, err.message);
    }
    if ('skip' in mapped) return builder.skip(mapped.skip);
    if (job.target === 'events') {
      const valid = validateAll(mapped.rows, EventInput, item.line, builder);
      if (!valid) return;
      const late = valid.findIndex((e) => e.ts !== undefined && futureSkewProblem(e.ts, now(), stores.maxFutureSkewMs) !== undefined);
      if (late >= 0) return builder.reject(item.line, 'ts', futureSkewProblem((valid[late] as EventInput).ts as number, now(), stores.maxFutureSkewMs) as string);
      events.push({ line: item.line, values: valid });
    } else {
      const valid = validateAll(mapped.rows, CatalogItem, item.line, builder);
      if (!valid) return;
      items.push({ line: item.line, values: valid });
    }
    pendingRows += mapped.rows.length;
  };

  const flush = (): void => {
    if (events.length) storeEvents(events.splice(0), stores, builder);
    if (items.length) storeItems(items.splice(0), stores, builder, seenItems);
    builder.chunkDone();
    pendingRows = 0;
    control.progress(report, job.source.position(), job.source.total);
  };

  let sliceStart = performance.now();
  let sliceMs = SLICE_MS;
  for await (const line of job.source.lines()) {
    report.linesRead++;
    reader.push(line, out);
    for (const item of out.splice(0)) take(item);
    // Storing costs as much as reading: the slice closes at half its time or at the fitted size.
    if (pendingRows >= chunkRows || performance.now() - sliceStart > sliceMs / 2) {
      const rows = pendingRows;
      flush();
      const msPerRow = (performance.now() - sliceStart) / Math.max(1, rows);
      chunkRows = Math.round(Math.min(CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, (0.7 * chunkRows + 0.3 * (sliceMs / msPerRow)))));
      const yielded = performance.now();
      await nextTurn();
      // A turn that took time served requests: shorter slices while they keep coming, full ones when idle.
      sliceMs = performance.now() - yielded > 1 ? BUSY_SLICE_MS : SLICE_MS;
      if (control.signal.aborted) {
        report.cancelled = true;
        return builder.finish();
      }
      sliceStart = performance.now();
    }
  }
  reader.end(out);
  for (const item of out.splice(0)) take(item);
  flush();
  if (report.stored > 0 && job.target === 'catalog') stores.onCatalogChange();
  return builder.finish();
}

function mapRecord(value: Record<string, unknown>, format: ImportFormat, target: ImportTarget): MappedRecord {
  if (format === 'ga4') return mapGa4Row(value);
  if (format === 'segment') return mapSegmentMessage(value);
  return { rows: [target === 'events' ? recordToEvent(value) : recordToItem(value)] };
}

/** Every row a record maps to, checked by the contract; a record is kept whole or rejected once. */
function validateAll<S extends z.ZodType>(rows: Record<string, unknown>[], schema: S, line: number, builder: ImportReportBuilder): z.output<S>[] | undefined {
  const valid: z.output<S>[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      builder.reject(line, issue ? issuePath(issue.path) : '(row)', issue?.message ?? 'invalid');
      return undefined;
    }
    valid.push(parsed.data);
  }
  return valid;
}

function storeEvents(rows: Row<EventInput>[], stores: ImportStores, builder: ImportReportBuilder): void {
  const batch: EventInput[] = [];
  const lineOf: number[] = [];
  for (const row of rows) {
    for (const e of row.values) {
      batch.push({ ...e, id: e.id ?? contentEventId(e) });
      lineOf.push(row.line);
    }
  }
  const outcome = stores.events.insertEvents(batch, { rejectWholeBatch: false, history: true });
  for (const r of outcome.rejections) builder.reject(lineOf[r.index] ?? 0, r.field, r.reason);
  builder.report.stored += outcome.stored.length;
  builder.report.duplicates += outcome.duplicates;
  // The live feed shows the tail of each chunk; a million-row import must not flood it (or the turn).
  stores.announce({ ...outcome, stored: outcome.stored.slice(-ANNOUNCED_PER_CHUNK) });
}

/** Upserts a chunk of items; an id repeated in the file is counted as a duplicate (the last row of an id wins). */
function storeItems(rows: Row<CatalogItem>[], stores: ImportStores, builder: ImportReportBuilder, seen: Map<string, number>): void {
  const batch: CatalogItem[] = [];
  for (const row of rows) {
    for (const item of row.values) {
      const first = seen.get(item.itemId);
      if (first === undefined) {
        seen.set(item.itemId, row.line);
        builder.report.stored++;
      } else {
        builder.report.duplicates++;
        builder.warn(row.line, 'itemId', `item ${item.itemId} is also on line ${first} of this file: this later row replaced it`);
      }
      batch.push(item);
    }
  }
  stores.catalog.upsertItems(batch);
}
