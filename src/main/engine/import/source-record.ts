import type { SourceLine } from './source-lines';

/** What a reader makes of an import file's lines: a record with its first line, or a line it could not read. */
export type SourceItem =
  | { kind: 'record'; line: number; value: Record<string, unknown> }
  | { kind: 'problem'; line: number; field: string; reason: string };

/** Turns physical lines into records, pushing what each line completes onto `out`. */
export interface RecordReader {
  push(line: SourceLine, out: SourceItem[]): void;
  /** The file has ended: whatever is still open is settled. */
  end(out: SourceItem[]): void;
}
