import { MAX_IMPORT_TEXT_BYTES, type ImportFormat, type ImportTarget } from '../transport/contract';

/** Guesses the format from the file name; the user can still override it (GA4 and Segment exports are JSONL too). */
export function guessFormat(fileName: string, current: ImportFormat): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) {
    return current === 'csv' ? 'jsonl' : current;
  }
  return current;
}

/** Catalogue files are usually named for it; everything else is treated as events. */
export function guessTarget(fileName: string, current: ImportTarget): ImportTarget {
  return /catalog|catalogue|product|item/i.test(fileName) ? 'catalog' : current;
}

/** The contract takes at most this much text; bigger files go through the CLI, which streams from disk. */
export function isTooLarge(sizeBytes: number): boolean {
  return sizeBytes > MAX_IMPORT_TEXT_BYTES;
}
