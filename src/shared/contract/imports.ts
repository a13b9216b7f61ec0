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
  /** The first rejections, in file order; `rejected` counts them all. */
  rejections: z.array(RowRejection),
});
export type ImportReport = z.infer<typeof ImportReport>;
