import type { z } from 'zod';
import { CatalogItem, EventInput, issuePath, requestProblem, type ImportFormat, type ImportTarget } from '../../../shared/contract';
import { futureSkewProblem } from '../ingest/future-skew';
import { recordToItem } from './catalog-mapping';
import { CsvRecordReader } from './csv-records';
import { contentEventId, recordToEvent } from './event-mapping';
import { FieldError } from './field-error';
import { mapGa4Row } from './ga4-mapping';
import type { ParsedChunk } from './import-messages';
import { JsonlRecordReader } from './jsonl-records';
import type { MappedRecord } from './mapped-record';
import { mapSegmentMessage } from './segment-mapping';
import type { LineSource, SourceLine } from './source-lines';
import type { RecordReader, SourceItem } from './source-record';

/** Records per chunk at most, whatever is asked: bounds a chunk of problems or skips as well as of rows. */
export const MAX_CHUNK_RECORDS = 1000;
/** Physical lines per chunk at most (blank lines and the lines of long quoted fields count). */
const MAX_CHUNK_LINES = 4 * MAX_CHUNK_RECORDS;

export interface ParserOptions {
  format: ImportFormat;
  target: ImportTarget;
  /** Events further ahead of this machine's clock are rejected. */
  maxFutureSkewMs: number;
  now?: () => number;
}

/**
 * Reads, decodes, maps and checks an import's lines into chunks of rows ready to store: each
 * record becomes checked rows (with their event ids), a problem with its line and field, or a skip.
 * Runs in the import worker (import-worker.ts), so none of this work or its garbage is on the
 * engine's thread.
 */
export class ImportParser {
  private readonly lines: AsyncGenerator<SourceLine>;
  private readonly reader: RecordReader;
  private readonly now: () => number;
  private readonly out: SourceItem[] = [];
  private ended = false;

  constructor(
    private readonly source: LineSource,
    private readonly options: ParserOptions,
  ) {
    if (options.target === 'catalog' && (options.format === 'ga4' || options.format === 'segment')) {
      throw new FieldError('format', `${options.format} files carry events, not a catalogue`);
    }
    this.lines = source.lines();
    this.reader = options.format === 'csv' ? new CsvRecordReader() : new JsonlRecordReader();
    this.now = options.now ?? Date.now;
  }

  /** The next chunk: about `rows` rows (a record's rows are never split), fewer at the end of the source. */
  async next(rows: number): Promise<ParsedChunk> {
    const chunk: ParsedChunk = { linesRead: 0, rowsRead: 0, problems: [], skips: [], events: [], items: [], position: 0, last: false };
    let pending = 0;
    while (!this.ended && pending < rows && chunk.rowsRead < MAX_CHUNK_RECORDS && chunk.linesRead < MAX_CHUNK_LINES) {
      const next = await this.lines.next();
      if (next.done) {
        this.ended = true;
        this.reader.end(this.out);
      } else {
        chunk.linesRead++;
        this.reader.push(next.value, this.out);
      }
      for (const item of this.out.splice(0)) pending += this.take(item, chunk);
    }
    chunk.last = this.ended;
    chunk.position = this.source.position();
    return chunk;
  }

  /** Stops reading the source (a file's stream is closed). */
  async close(): Promise<void> {
    this.ended = true;
    await this.lines.return(undefined);
  }

  /** Files one record into the chunk; returns how many rows it added. */
  private take(item: SourceItem, chunk: ParsedChunk): number {
    chunk.rowsRead++;
    const reject = (field: string, reason: string): number => {
      chunk.problems.push({ line: item.line, field, reason });
      return 0;
    };
    if (item.kind === 'problem') return reject(item.field, item.reason);
    const hostile = requestProblem(item.value);
    if (hostile) return reject(issuePath(hostile.path), hostile.message);
    let mapped: MappedRecord;
    try {
      mapped = mapRecord(item.value, this.options.format, this.options.target);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return reject(err.field, err.message);
    }
    if ('skip' in mapped) {
      chunk.skips.push(mapped.skip);
      return 0;
    }
    if (this.options.target === 'catalog') {
      const valid = validateAll(mapped.rows, CatalogItem);
      if ('field' in valid) return reject(valid.field, valid.reason);
      chunk.items.push({ line: item.line, values: valid.rows });
      return valid.rows.length;
    }
    const valid = validateAll(mapped.rows, EventInput);
    if ('field' in valid) return reject(valid.field, valid.reason);
    const now = this.now();
    for (const e of valid.rows) {
      const late = e.ts === undefined ? undefined : futureSkewProblem(e.ts, now, this.options.maxFutureSkewMs);
      if (late !== undefined) return reject('ts', late);
    }
    chunk.events.push({ line: item.line, values: valid.rows.map((e) => ({ ...e, id: e.id ?? contentEventId(e) })) });
    return valid.rows.length;
  }
}

function mapRecord(value: Record<string, unknown>, format: ImportFormat, target: ImportTarget): MappedRecord {
  if (format === 'ga4') return mapGa4Row(value);
  if (format === 'segment') return mapSegmentMessage(value);
  return { rows: [target === 'events' ? recordToEvent(value) : recordToItem(value)] };
}

/** Every row a record maps to, checked by the contract; a record is kept whole or rejected once. */
function validateAll<S extends z.ZodType>(rows: Record<string, unknown>[], schema: S): { rows: z.output<S>[] } | { field: string; reason: string } {
  const valid: z.output<S>[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { field: issue ? issuePath(issue.path) : '(row)', reason: issue?.message ?? 'invalid' };
    }
    valid.push(parsed.data);
  }
  return { rows: valid };
}
