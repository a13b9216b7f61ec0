import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Database } from 'better-sqlite3';
import type { CatalogItem, EventInput, ImportFormat, ImportReport, ImportTarget } from '../../../shared/contract';
import type { CatalogRepository, EventRepository, InsertOutcome } from '../store';
import { pauseAutoCheckpoint } from '../store/database';
import { CheckpointSchedule } from './checkpoint-schedule';
import { FieldError } from './field-error';
import type { CheckedRows, ImportSource, ParsedChunk } from './import-messages';
import { MAX_CHUNK_RECORDS } from './import-parser';
import { ImportReportBuilder } from './import-report';
import { parserThread, type ChunkStream } from './parser-thread';

/** Most rows per transaction: a crash mid-import loses at most the chunk in flight, and a re-import is idempotent. */
export const CHUNK_ROWS = MAX_CHUNK_RECORDS;
const MIN_CHUNK_ROWS = 20;
/** The storing the import does per turn of the engine's event loop (one chunk, one transaction) before requests get theirs. */
export const SLICE_MS = 10;
/**
 * The slice while requests are being served (the turn between two slices had other work): each
 * list waits for at most one slice on the engine's thread, twice when a serving worker ranks it.
 */
export const BUSY_SLICE_MS = 3;
/**
 * While requests are being served, the import's share of the engine's thread at most: after each
 * slice it waits (a timer, not the next turn) for as long as the other work needs to keep this
 * share. With the next turn only, a 3 ms slice ran between every two requests, and the import took
 * half or more of a thread that serving already kept busy (the p99 of lists doubled or worse).
 */
export const BUSY_SHARE = 0.2;
/** Without a request count: the engine's thread ran other work for more than this (ms) while the import waited, so requests are being served. */
const OTHER_WORK_MS = 1;
/** Events of each chunk announced to the live feed and the behaviour signals: the chunk's tail. */
const ANNOUNCED_PER_CHUNK = 20;

/**
 * Who checkpoints the store's WAL during an import: 'import-worker' (the engine's connection stops
 * checkpointing by itself; the import's worker checkpoints from its own connection) or
 * 'engine-thread' (the engine's commits checkpoint as at any other time).
 */
export type WalCheckpoints = 'import-worker' | 'engine-thread';

export interface ImportStores {
  events: EventRepository;
  catalog: CatalogRepository;
  /** Tells the live feed and the caches about stored events (the ingest path's announce). */
  announce(outcome: InsertOutcome): void;
  onCatalogChange(): void;
  /** Events further ahead of this machine's clock are rejected. */
  maxFutureSkewMs: number;
  /** The store file and the engine's connection to it, for the WAL's checkpoints (absent: left to the engine's commits). */
  database?: { file: string; connection: Database };
  walCheckpoints?: WalCheckpoints;
  /** Starts the parser of an import (default: its worker thread). */
  parser?: (job: ImportJob, stores: ImportStores) => ChunkStream;
  /** The import's share of the engine's thread while requests are served (default BUSY_SHARE). */
  busyShare?: number;
  /**
   * Requests the engine has started so far (the dispatcher's count): when it moved since the last
   * slice, requests are being served. Without it, other work of over OTHER_WORK_MS on the thread
   * between two slices counts as serving (which a loaded machine's preemption can mimic).
   */
  requestsStarted?: () => number;
}

export interface ImportJob {
  file: string;
  format: ImportFormat;
  target: ImportTarget;
  source: ImportSource;
}

export interface ImportControl {
  signal: AbortSignal;
  /** After each stored chunk: the report so far (only rows of committed chunks count as stored). */
  progress(report: ImportReport, done: number, total: number): void;
}

/**
 * Stores one import as its worker parses it (import-worker.ts: reading, decoding, mapping and
 * checking happen there): one chunk per turn of the event loop, each in its own transaction
 * through the same repositories as live ingest, sized so that storing it takes about SLICE_MS.
 * The next chunk is parsed while this one is stored; at most two are in flight.
 */
export async function runImport(job: ImportJob, stores: ImportStores, control: ImportControl, total: number): Promise<ImportReport> {
  if (job.target === 'catalog' && (job.format === 'ga4' || job.format === 'segment')) {
    throw new FieldError('format', `${job.format} files carry events, not a catalogue`);
  }
  const builder = new ImportReportBuilder(job.file, job.format, job.target);
  const report = builder.report;
  /** Catalogue ids seen in this file, with the line of their first row. */
  const seenItems = new Map<string, number>();
  const walByWorker = stores.database !== undefined && (stores.walCheckpoints ?? 'import-worker') === 'import-worker';
  const chunks = (stores.parser ?? startParser)(job, stores);
  // The worker has its own copy of the text: the engine's is not kept for the length of the import.
  job.source = { kind: 'text', text: '' };
  // Counted with the background checkpointer's pause (store/database.ts): the resume below turns the connection's own checkpoints on only if nothing else holds them off.
  const resumeAutoCheckpoint = walByWorker ? pauseAutoCheckpoint((stores.database as { connection: Database }).connection) : undefined;
  try {
    /** Rows per chunk, fitted as the import goes so that storing a chunk takes about the slice. */
    let chunkRows = 100;
    /** Requests are being served: short slices, each followed by a wait that keeps the import to its share. */
    let busy = false;
    const share = Math.min(1, Math.max(0.01, stores.busyShare ?? BUSY_SHARE));
    // Checkpoints that race the import's commits never catch up, and the WAL, which only starts over
    // once all of it is in the database, would grow by the whole import: the import stops writing
    // (the engine's thread serves meanwhile) while its worker checkpoints, every ~16 MiB of WAL.
    const schedule = new CheckpointSchedule();
    chunks.request(chunkRows);
    for (;;) {
      const chunk = await chunks.next(control.signal);
      if (chunk === undefined) {
        report.cancelled = true;
        break;
      }
      if (!chunk.last) chunks.request(chunkRows);
      const started = performance.now();
      const requestsBefore = stores.requestsStarted?.();
      const rows = storeChunk(chunk, job.target, stores, builder, seenItems);
      control.progress(report, chunk.position, total);
      if (chunk.last) break;
      const workMs = performance.now() - started;
      schedule.stored(rows);
      if (walByWorker && schedule.due()) schedule.checkpointed(await chunks.checkpoint());
      const otherWork = await yieldToServing(busy, workMs, share);
      busy = requestsBefore !== undefined && stores.requestsStarted ? stores.requestsStarted() !== requestsBefore : otherWork;
      if (rows > 0) {
        const msPerRow = workMs / rows;
        const sliceMs = busy ? BUSY_SLICE_MS : SLICE_MS;
        chunkRows = Math.round(Math.min(CHUNK_ROWS, Math.max(MIN_CHUNK_ROWS, 0.7 * chunkRows + 0.3 * (sliceMs / Math.max(msPerRow, 1e-3)))));
      }
      if (control.signal.aborted) {
        report.cancelled = true;
        break;
      }
    }
  } finally {
    await chunks.close();
    resumeAutoCheckpoint?.();
  }
  if (report.stored > 0 && job.target === 'catalog') stores.onCatalogChange();
  return builder.finish();
}

/**
 * Gives the engine's thread back between two slices; returns whether other work ran meanwhile (more
 * than OTHER_WORK_MS). Idle: the next turn, and full slices. Busy (requests are being served): a wait
 * of `workMs * (1 - share) / share`, so the import takes at most `share` of the thread while serving
 * goes on, and its slices shrink to BUSY_SLICE_MS.
 */
async function yieldToServing(busy: boolean, workMs: number, share: number): Promise<boolean> {
  const before = performance.eventLoopUtilization();
  if (busy) await sleep(Math.max(1, (workMs * (1 - share)) / share));
  else await nextTurn();
  return performance.eventLoopUtilization(before).active > OTHER_WORK_MS;
}

function startParser(job: ImportJob, stores: ImportStores): ChunkStream {
  const walByWorker = stores.database !== undefined && (stores.walCheckpoints ?? 'import-worker') === 'import-worker';
  return parserThread({
    source: job.source,
    format: job.format,
    target: job.target,
    maxFutureSkewMs: stores.maxFutureSkewMs,
    ...(walByWorker && stores.database ? { checkpointFile: stores.database.file } : {}),
  });
}

/** Applies one parsed chunk to the report and stores its rows in one transaction; returns the rows it stored or refused. */
function storeChunk(chunk: ParsedChunk, target: ImportTarget, stores: ImportStores, builder: ImportReportBuilder, seenItems: Map<string, number>): number {
  const report = builder.report;
  report.linesRead += chunk.linesRead;
  report.rowsRead += chunk.rowsRead;
  for (const p of chunk.problems) builder.reject(p.line, p.field, p.reason);
  for (const reason of chunk.skips) builder.skip(reason);
  let rows = 0;
  if (target === 'events' && chunk.events.length) rows = storeEvents(chunk.events, stores, builder);
  if (target === 'catalog' && chunk.items.length) rows = storeItems(chunk.items, stores, builder, seenItems);
  builder.chunkDone();
  return rows;
}

function storeEvents(rows: CheckedRows<EventInput>[], stores: ImportStores, builder: ImportReportBuilder): number {
  const batch: EventInput[] = [];
  const lineOf: number[] = [];
  for (const row of rows) {
    for (const e of row.values) {
      batch.push(e);
      lineOf.push(row.line);
    }
  }
  const outcome = stores.events.insertEvents(batch, { rejectWholeBatch: false, history: true });
  for (const r of outcome.rejections) builder.reject(lineOf[r.index] ?? 0, r.field, r.reason);
  builder.report.stored += outcome.stored.length;
  builder.report.duplicates += outcome.duplicates;
  // The live feed shows the tail of each chunk; a million-row import must not flood it (or the turn).
  stores.announce({ ...outcome, stored: outcome.stored.slice(-ANNOUNCED_PER_CHUNK) });
  return batch.length;
}

/** Upserts a chunk of items; an id repeated in the file is counted as a duplicate (the last row of an id wins). */
function storeItems(rows: CheckedRows<CatalogItem>[], stores: ImportStores, builder: ImportReportBuilder, seen: Map<string, number>): number {
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
  return batch.length;
}
