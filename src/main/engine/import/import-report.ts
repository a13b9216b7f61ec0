import type { ImportFormat, ImportReport, ImportTarget } from '../../../shared/contract';

/** The report lists this many rejections (and warnings); the counts cover them all. */
export const MAX_LISTED_ROWS = 1000;
/** Distinct skip reasons kept; the rest are counted under one. */
const MAX_SKIP_REASONS = 50;
const OTHER_REASONS = '(other reasons)';

/**
 * Keeps an import's report exact: every row read ends up stored, duplicate, skipped or rejected, and
 * a bad line is counted once however many faults it has (a GA4 row of several items, a store refusal
 * on top of a mapping one).
 */
export class ImportReportBuilder {
  readonly report: ImportReport;
  /** Lines rejected in the chunk in flight: a line's events all go through the store in one chunk. */
  private readonly rejectedInChunk = new Set<number>();

  constructor(file: string, format: ImportFormat, target: ImportTarget) {
    this.report = {
      file,
      format,
      target,
      rowsRead: 0,
      stored: 0,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
      skippedReasons: {},
      rejections: [],
      linesRead: 0,
      warnings: [],
      cancelled: false,
    };
  }

  reject(line: number, field: string, reason: string): void {
    if (this.rejectedInChunk.has(line)) return;
    this.rejectedInChunk.add(line);
    this.report.rejected++;
    if (this.report.rejections.length < MAX_LISTED_ROWS) this.report.rejections.push({ file: this.report.file, line, field, reason });
  }

  /** A row kept with a remark. */
  warn(line: number, field: string, reason: string): void {
    if (this.report.warnings.length < MAX_LISTED_ROWS) this.report.warnings.push({ file: this.report.file, line, field, reason });
  }

  skip(reason: string): void {
    this.report.skipped++;
    const reasons = this.report.skippedReasons;
    const key = Object.hasOwn(reasons, reason.slice(0, 200)) || Object.keys(reasons).length < MAX_SKIP_REASONS ? reason.slice(0, 200) : OTHER_REASONS;
    // An own property even for a hostile reason text: never an assignment through the prototype.
    Object.defineProperty(reasons, key, { value: (Object.hasOwn(reasons, key) ? (reasons[key] ?? 0) : 0) + 1, enumerable: true, writable: true, configurable: true });
  }

  /** Called once a chunk is stored: its lines can no longer be rejected again. */
  chunkDone(): void {
    this.rejectedInChunk.clear();
  }

  finish(): ImportReport {
    this.report.rejections.sort((a, b) => a.line - b.line);
    this.report.warnings.sort((a, b) => a.line - b.line);
    return this.report;
  }
}
