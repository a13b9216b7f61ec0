import { FieldError } from './field-error';
import type { RecordReader, SourceItem } from './source-record';
import type { LineFault, SourceLine } from './source-lines';

/** A quoted field may run over this many physical lines at most before its quote counts as unclosed. */
export const MAX_RECORD_LINES = 1000;
const MAX_RECORD_CHARS = 1 << 20;

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The header line decides: a tab when it has more tabs than commas and semicolons outside quotes
 * (TSV: a column name may hold a comma), else `;` when it has more semicolons than commas
 * (European exports), else `,`.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of headerLine.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
    else if (ch === '\t') tabs++;
  }
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

/** The record being read: fields so far, and where the parser stands in the current field. */
interface Partial {
  fields: string[];
  field: string;
  inQuotes: boolean;
  afterQuote: boolean;
  quoteLine: number;
  quoteColumn: number;
  chars: number;
}

type Feed = { status: 'complete' } | { status: 'open' } | { status: 'error'; reason: string };

/**
 * RFC 4180 CSV (header row, `,`, `;` or a tab, quoted fields with "" and line breaks) read line by line.
 * A malformed record never costs the rows after it: it is rejected at its first line and, when it ran
 * over several lines (an unclosed quote swallows what follows), reading resumes at the line after
 * its first, so every physical line is either part of one good record, blank, or rejected once.
 */
export class CsvRecordReader implements RecordReader {
  private header: string[] | undefined;
  private delimiter: CsvDelimiter = ',';
  /** Lines of the record in progress, and lines handed back to be read again after a failure. */
  private lines: SourceLine[] = [];
  private readonly again: SourceLine[] = [];
  private partial: Partial | undefined;
  private fault: LineFault | undefined;

  push(line: SourceLine, out: SourceItem[]): void {
    this.again.push(line);
    this.drain(out, false);
  }

  end(out: SourceItem[]): void {
    this.drain(out, true);
  }

  private drain(out: SourceItem[], atEnd: boolean): void {
    for (;;) {
      const next = this.again.shift();
      if (next) this.feed(next, out);
      else if (atEnd && this.partial) {
        const p = this.partial;
        this.fail(out, `unclosed quote: the field opened at line ${p.quoteLine}, column ${p.quoteColumn} never closes`);
      } else return;
    }
  }

  private feed(line: SourceLine, out: SourceItem[]): void {
    const text = line.text;
    if (!this.partial) {
      if (text.replace(/\r$/, '') === '' && !line.fault) return;
      if (!this.header) this.delimiter = detectDelimiter(text);
      this.partial = { fields: [], field: '', inQuotes: false, afterQuote: false, quoteLine: 0, quoteColumn: 0, chars: 0 };
      this.fault = undefined;
    }
    this.lines.push(line);
    this.fault ??= line.fault;
    const fed = this.parseLine(this.partial, text, line.line);
    if (fed.status === 'error') return this.fail(out, fed.reason);
    if (fed.status === 'open') {
      const p = this.partial;
      if (this.lines.length >= MAX_RECORD_LINES || p.chars > MAX_RECORD_CHARS) {
        this.fail(out, `unclosed quote: the field opened at line ${p.quoteLine}, column ${p.quoteColumn} runs past ${MAX_RECORD_LINES} lines`);
      }
      return;
    }
    this.complete(out);
  }

  private complete(out: SourceItem[]): void {
    const fields = (this.partial as Partial).fields;
    const first = this.lines[0] as SourceLine;
    if (this.fault !== undefined && this.header) {
      out.push({ kind: 'problem', line: first.line, ...this.fault });
      this.reset();
      return;
    }
    if (!this.header) {
      if (this.fault !== undefined) throw new FieldError('(header)', this.fault.reason);
      this.header = fields.map((h) => h.replace(/^\uFEFF/, '').trim());
      this.reset();
      return;
    }
    if (fields.length !== this.header.length) {
      this.fail(out, `wrong number of fields: expected ${this.header.length}, found ${fields.length}`);
      return;
    }
    const value = Object.fromEntries(this.header.map((name, i) => [name, fields[i] as string]));
    out.push({ kind: 'record', line: first.line, value });
    this.reset();
  }

  /** Rejects the record at its first line; the lines after that are read again as new records. */
  private fail(out: SourceItem[], reason: string): void {
    const [first, ...rest] = this.lines as [SourceLine, ...SourceLine[]];
    if (!this.header) {
      throw new FieldError('(header)', `line ${first.line}: ${reason}`);
    }
    const resumes = rest.length > 0 ? ` (the record starting on this line runs over ${this.lines.length} lines; reading resumes on line ${first.line + 1})` : '';
    out.push({ kind: 'problem', line: first.line, field: '(row)', reason: `${reason}${resumes}` });
    this.again.unshift(...rest);
    this.reset();
  }

  private reset(): void {
    this.lines = [];
    this.partial = undefined;
    this.fault = undefined;
  }

  /** Continues the record with one physical line. */
  private parseLine(p: Partial, text: string, lineNo: number): Feed {
    const d = this.delimiter;
    const n = text.length;
    p.chars += n;
    // The common case: a whole unquoted line.
    if (!p.inQuotes && !p.afterQuote && p.field === '' && p.fields.length === 0 && text.indexOf('"') === -1) {
      p.fields = text.replace(/\r$/, '').split(d);
      return { status: 'complete' };
    }
    for (let i = 0; i < n; i++) {
      const ch = text[i] as string;
      if (p.inQuotes) {
        if (ch !== '"') p.field += ch;
        else if (text[i + 1] === '"') {
          p.field += '"';
          i++;
        } else {
          p.inQuotes = false;
          p.afterQuote = true;
        }
      } else if (ch === d) {
        p.fields.push(p.field);
        p.field = '';
        p.afterQuote = false;
      } else if (ch === '\r' && i === n - 1) {
        // CRLF line ending.
      } else if (p.afterQuote) {
        return { status: 'error', reason: `unexpected ${JSON.stringify(ch)} after a closing quote at line ${lineNo}, column ${i + 1}` };
      } else if (ch === '"' && p.field === '') {
        p.inQuotes = true;
        p.quoteLine = lineNo;
        p.quoteColumn = i + 1;
      } else p.field += ch;
    }
    if (p.inQuotes) {
      p.field += '\n';
      return { status: 'open' };
    }
    p.fields.push(p.field);
    p.field = '';
    p.afterQuote = false;
    return { status: 'complete' };
  }
}
