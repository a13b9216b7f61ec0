import { z } from 'zod';

export const IMPORT_FORMATS = ['csv', 'jsonl', 'ga4', 'segment'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportTarget = z.enum(['events', 'catalog']);
export type ImportTarget = z.infer<typeof ImportTarget>;

/** Largest file content accepted through the contract (the CLI reads files of any size from disk). */
export const MAX_IMPORT_TEXT_BYTES = 32 * 1024 * 1024;

export const ImportTextRequest = z
  .object({
    fileName: z.string().min(1).max(500),
    format: ImportFormat,
    target: ImportTarget,
    content: z.string().max(MAX_IMPORT_TEXT_BYTES),
  })
  .strict();
export type ImportTextRequest = z.infer<typeof ImportTextRequest>;

export const RowRejection = z.object({
  file: z.string(),
  line: z.number().int(),
  field: z.string(),
  reason: z.string(),
});
export type RowRejection = z.infer<typeof RowRejection>;

export const ImportReport = z.object({
  file: z.string(),
  format: ImportFormat,
  target: ImportTarget,
  rowsRead: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** Rows that are valid but carry nothing we store (e.g. a GA4 page_view), counted by reason. */
  skipped: z.number().int(),
  skippedReasons: z.record(z.string(), z.number().int()),
  /** The first rejections, in file order; `rejected` counts them all (a bad line once, however many faults it has). */
  rejections: z.array(RowRejection),
  /** Physical lines read, header and blank lines included. */
  linesRead: z.number().int().default(0),
  /** Rows kept with a remark (e.g. a catalogue id repeated in the file: the last row of an id wins), in file order. */
  warnings: z.array(RowRejection).default([]),
  /** The import was cancelled: the counts cover the rows handled until then, which stay stored. */
  cancelled: z.boolean().default(false),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const ImportStatus = z.enum(IMPORT_STATUSES);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** One import in the engine's queue: imports run one at a time, off the serving path, in bounded chunks. */
export const ImportTask = z.object({
  importId: z.string(),
  file: z.string(),
  format: ImportFormat,
  target: ImportTarget,
  status: ImportStatus,
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  progress: z.object({
    /** Bytes (files) or characters (console text) read so far, of `total`. */
    done: z.number(),
    total: z.number(),
    rowsRead: z.number().int(),
    stored: z.number().int(),
    rejected: z.number().int(),
  }),
  /** The final report (partial when cancelled); null until the import ends. */
  report: ImportReport.nullable(),
  error: z.string().nullable(),
});
export type ImportTask = z.infer<typeof ImportTask>;

export const ImportIdRequest = z.object({ importId: z.string().min(1).max(64) }).strict();
