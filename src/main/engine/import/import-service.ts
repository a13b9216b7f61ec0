import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import {
  CatalogItem,
  EventInput,
  issuePath,
  type ImportFormat,
  type ImportReport,
  type ImportTarget,
  type RowRejection,
} from '../../../shared/contract';
import type { IngestService } from '../ingest/ingest-service';
import type { CatalogRepository, EventRepository } from '../store';
import { recordToItem } from './catalog-mapping';
import { parseCsvRecords } from './csv-records';
import { contentEventId, recordToEvent } from './event-mapping';
import { FieldError } from './field-coercion';
import { mapGa4Row } from './ga4-mapping';
import { parseJsonlRecords } from './jsonl-records';
import type { MappedRecord } from './mapped-record';
import { mapSegmentMessage } from './segment-mapping';
import type { ParsedRecords, SourceRecord } from './source-record';

/** Rows stored per transaction: a crash mid-import loses at most the chunk in flight, and a re-import is idempotent. */
const CHUNK = 5000;
/** The report lists this many rejections; the count covers them all. */
const MAX_LISTED_REJECTIONS = 1000;

interface Candidate {
  line: number;
  row: Record<string, unknown>;
}

export interface ImportDeps {
  events: EventRepository;
  catalog: CatalogRepository;
  ingest: IngestService;
  onCatalogChange: () => void;
}

/** Reads CSV, JSONL, GA4 and Segment exports into the store; every row ends up stored, skipped or rejected with a reason. */
export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  importFile(path: string, format: ImportFormat, target: ImportTarget): ImportReport {
    return this.importText(basename(path), readFileSync(path, 'utf8'), format, target);
  }

  importText(file: string, content: string, format: ImportFormat, target: ImportTarget): ImportReport {
    if (target === 'catalog' && (format === 'ga4' || format === 'segment')) {
      throw new FieldError('format', `${format} files carry events, not a catalogue`);
    }
    const parsed: ParsedRecords = format === 'csv' ? parseCsvRecords(content) : parseJsonlRecords(content);
    const report: ImportReport = {
      file,
      format,
      target,
      rowsRead: parsed.records.length + parsed.problems.length,
      stored: 0,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
      skippedReasons: {},
      rejections: [],
    };
    const reject = (r: Omit<RowRejection, 'file'>): void => {
      report.rejected++;
      if (report.rejections.length < MAX_LISTED_REJECTIONS) report.rejections.push({ file, ...r });
    };
    for (const p of parsed.problems) reject(p);

    const candidates: Candidate[] = [];
    for (const record of parsed.records) {
      const mapped = this.map(record, format, target, reject);
      if (mapped === undefined) continue;
      if ('skip' in mapped) {
        report.skipped++;
        report.skippedReasons[mapped.skip] = (report.skippedReasons[mapped.skip] ?? 0) + 1;
        continue;
      }
      for (const row of mapped.rows) candidates.push({ line: record.line, row });
    }
    if (target === 'events') this.storeEvents(candidates, report, reject);
    else this.storeItems(candidates, report, reject);
    report.rejections.sort((a, b) => a.line - b.line);
    return report;
  }

  private map(record: SourceRecord, format: ImportFormat, target: ImportTarget, reject: (r: Omit<RowRejection, 'file'>) => void): MappedRecord | undefined {
    try {
      if (format === 'ga4') return mapGa4Row(record.value);
      if (format === 'segment') return mapSegmentMessage(record.value);
      return { rows: [target === 'events' ? recordToEvent(record.value) : recordToItem(record.value)] };
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      reject({ line: record.line, field: err.field, reason: err.message });
      return undefined;
    }
  }

  private storeEvents(candidates: Candidate[], report: ImportReport, reject: (r: Omit<RowRejection, 'file'>) => void): void {
    const valid = this.validate(candidates, EventInput, reject);
    for (let i = 0; i < valid.length; i += CHUNK) {
      const chunk = valid.slice(i, i + CHUNK);
      const events = chunk.map((c) => ({ ...c.value, id: c.value.id ?? contentEventId(c.value) }));
      const outcome = this.deps.events.insertEvents(events, { rejectWholeBatch: false });
      for (const r of outcome.rejections) reject({ line: chunk[r.index]?.line ?? 0, field: r.field, reason: r.reason });
      report.stored += outcome.stored.length;
      report.duplicates += outcome.duplicates;
      // The live feed shows the tail of each chunk; a million-row import must not flood it.
      this.deps.ingest.announce({ ...outcome, stored: outcome.stored.slice(-200) });
    }
  }

  private storeItems(candidates: Candidate[], report: ImportReport, reject: (r: Omit<RowRejection, 'file'>) => void): void {
    const valid = this.validate(candidates, CatalogItem, reject);
    for (let i = 0; i < valid.length; i += CHUNK) {
      report.stored += this.deps.catalog.upsertItems(valid.slice(i, i + CHUNK).map((c) => c.value));
    }
    if (valid.length) this.deps.onCatalogChange();
  }

  private validate<S extends z.ZodType>(candidates: Candidate[], schema: S, reject: (r: Omit<RowRejection, 'file'>) => void): { line: number; value: z.output<S> }[] {
    const valid: { line: number; value: z.output<S> }[] = [];
    for (const c of candidates) {
      const parsed = schema.safeParse(c.row);
      if (parsed.success) valid.push({ line: c.line, value: parsed.data });
      else {
        const issue = parsed.error.issues[0];
        reject({ line: c.line, field: issue ? issuePath(issue.path) : '(row)', reason: issue?.message ?? 'invalid' });
      }
    }
    return valid;
  }
}
