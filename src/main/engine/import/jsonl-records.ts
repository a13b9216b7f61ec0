import type { RecordReader, SourceItem } from './source-record';
import type { SourceLine } from './source-lines';

/** One JSON object per line; blank lines are ignored; a line that is not an object is reported. */
export class JsonlRecordReader implements RecordReader {
  push(line: SourceLine, out: SourceItem[]): void {
    const trimmed = line.text.trim();
    if (trimmed === '' && !line.fault) return;
    if (line.fault) {
      out.push({ kind: 'problem', line: line.line, ...line.fault });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      out.push({ kind: 'problem', line: line.line, field: '(line)', reason: `not valid JSON: ${(err as Error).message}` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.push({ kind: 'problem', line: line.line, field: '(line)', reason: 'expected a JSON object' });
      return;
    }
    out.push({ kind: 'record', line: line.line, value: value as Record<string, unknown> });
  }

  end(): void {}
}
