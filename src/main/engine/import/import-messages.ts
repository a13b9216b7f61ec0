import type { CatalogItem, EventInput, ImportFormat, ImportTarget } from '../../../shared/contract';
import type { ImportEncoding } from './text-decoding';

/**
 * Where an import's text comes from: a file on this machine, text the console read, or that text
 * as UTF-8 bytes (a large HTTP body, never a string on the engine's thread; moved to the worker).
 */
export type ImportSource = { kind: 'file'; path: string; encoding: ImportEncoding } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

/** A line the import could not take, with the field at fault. */
export interface RowProblem {
  line: number;
  field: string;
  reason: string;
}

/** The rows one record (starting on `line`) maps to, each checked by the contract; kept or stored together. */
export interface CheckedRows<T> {
  line: number;
  values: T[];
}

/**
 * What the parser read since the last chunk, ready to store: every line and record it covered
 * is counted here once (as rows to store, a problem or a skip), so the engine applies a chunk whole.
 */
export interface ParsedChunk {
  linesRead: number;
  rowsRead: number;
  problems: RowProblem[];
  /** One reason per skipped record. */
  skips: string[];
  events: CheckedRows<EventInput>[];
  items: CheckedRows<CatalogItem>[];
  /** How far into the source (bytes of a file, characters of text) the chunk ends. */
  position: number;
  /** The source has ended: no chunk follows. */
  last: boolean;
}

/** What the import worker starts with (workerData). */
export interface ImportWorkerData {
  source: ImportSource;
  format: ImportFormat;
  target: ImportTarget;
  maxFutureSkewMs: number;
  /** The store whose WAL the worker checkpoints (PASSIVE, on its own connection) when the engine asks, and once more at the end. */
  checkpointFile?: string;
}

/** Engine -> worker: parse about `rows` more rows; checkpoint the WAL now; or end (checkpoint once more, close, exit). */
export type ImportWorkerRequest = { type: 'pull'; rows: number } | { type: 'checkpoint' } | { type: 'close' };

/** Frames in the WAL, and how many of them are now in the database file (null: no checkpoint could be taken). */
export type CheckpointResult = { walFrames: number; copied: number } | null;

/** Worker -> engine. `failed`: the file cannot be imported at all (a bad header, UTF-16 without a BOM): a FieldError. */
export type ImportWorkerReply =
  | { type: 'chunk'; chunk: ParsedChunk }
  | { type: 'failed'; field: string; message: string }
  | { type: 'error'; message: string }
  | { type: 'checkpointed'; result: CheckpointResult }
  | { type: 'closed'; result: CheckpointResult };

/** What the import worker starts with to check a large `import.text` HTTP body (import-body.ts) instead of importing. */
export interface ImportBodyWorkerData {
  kind: 'body';
  body: Uint8Array;
}
