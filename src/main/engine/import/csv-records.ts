import { parse } from 'csv-parse/sync';
import type { ParsedRecords, SourceRecord } from './source-record';

/** Picks `;` when the header has more semicolons than commas outside quotes (European exports). */
export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * RFC 4180 CSV with a header row (BOM tolerated). A malformed record is reported with its line and
 * the parse goes on, so one bad row never costs the good ones.
 */
export function parseCsvRecords(text: string): ParsedRecords {
  const problems: ParsedRecords['problems'] = [];
  const records: SourceRecord[] = [];
  const rows = parse(text, {
    bom: true,
    delimiter: detectDelimiter(text),
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
    relax_column_count: false,
    skip_records_with_error: true,
    info: true,
    on_skip: (err: { lines?: number; message: string } | undefined) => {
      if (err) problems.push({ line: err.lines ?? 0, field: '(row)', reason: err.message.replace(/^Invalid Record Length: /, 'wrong number of fields: ') });
    },
  }) as { record: Record<string, string>; info: { lines: number } }[];
  for (const row of rows) records.push({ line: row.info.lines, value: row.record });
  return { records, problems };
}
