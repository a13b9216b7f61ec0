import { DatasetImportReport } from './import-report';
import { locateColumns, splitDelimited } from './delimited-line';
import { readLines } from './line-reader';
import type { RowOutcome, ShopperEvent } from './shopper-event';

export interface DelimitedEventFormat<N extends string> {
  delimiter: string;
  columns: readonly N[];
  parseRow(fields: Record<N, string>): RowOutcome;
}

export interface ImportedEvents {
  events: ShopperEvent[];
  report: DatasetImportReport;
}

/**
 * Shared line loop of the event-log importers: header lookup by name (column order may differ
 * between exports), per-row parsing, and rejection of malformed rows without stopping the import.
 */
export async function importDelimitedEvents<N extends string>(
  path: string,
  format: DelimitedEventFormat<N>,
): Promise<ImportedEvents> {
  const report = new DatasetImportReport(path);
  const events: ShopperEvent[] = [];
  let index: Record<N, number> | null = null;
  for await (const { lineNumber, text } of readLines(path)) {
    if (text.trim() === '') continue;
    const cells = splitDelimited(text, format.delimiter);
    if (index === null) {
      const located = cells === null ? null : locateColumns(cells, format.columns);
      if (located === null || !located.ok) {
        const missing = located === null ? 'unbalanced quotes' : `missing column(s) ${located.missing.join(', ')}`;
        report.reject(lineNumber, 'header', missing);
        return { events, report };
      }
      index = located.index;
      continue;
    }
    if (cells === null) {
      report.reject(lineNumber, 'line', 'unbalanced double quote');
      continue;
    }
    const fields = {} as Record<N, string>;
    let short: N | null = null;
    for (const name of format.columns) {
      const value = cells[index[name]];
      if (value === undefined) short = short ?? name;
      fields[name] = (value ?? '').trim();
    }
    if (short !== null) {
      report.reject(lineNumber, short, `line has ${cells.length} fields, fewer than the header`);
      continue;
    }
    const outcome = format.parseRow(fields);
    if ('event' in outcome) {
      events.push(outcome.event);
      report.accept();
    } else report.reject(lineNumber, outcome.field, outcome.reason);
  }
  if (index === null) report.reject(0, 'header', 'file is empty');
  return { events, report };
}
