import type { RowRejection } from '../../../shared/contract/imports';

/** Rejections kept verbatim; beyond this only the count grows, so a broken file cannot exhaust memory. */
const MAX_KEPT_REJECTIONS = 1000;

/**
 * What one importer run saw: rows read, rows accepted and the malformed rows with the reason.
 * The rejection shape is the contract's `RowRejection`, so the console can show these as-is.
 */
export class DatasetImportReport {
  rowsRead = 0;
  rowsAccepted = 0;
  rejectedCount = 0;
  readonly rejections: RowRejection[] = [];

  constructor(readonly file: string) {}

  accept(): void {
    this.rowsRead += 1;
    this.rowsAccepted += 1;
  }

  reject(line: number, field: string, reason: string): void {
    this.rowsRead += 1;
    this.rejectedCount += 1;
    if (this.rejections.length < MAX_KEPT_REJECTIONS) this.rejections.push({ file: this.file, line, field, reason });
  }

  /** One line per rejection, e.g. for a CLI's stderr. */
  describe(): string[] {
    return this.rejections.map((r) => `${r.file}:${r.line} field "${r.field}": ${r.reason}`);
  }
}
