import type { ParsedRecords } from './source-record';

/** One JSON object per line; blank lines are ignored; a line that is not an object is reported. */
export function parseJsonlRecords(text: string): ParsedRecords {
  const result: ParsedRecords = { records: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      result.problems.push({ line, field: '(line)', reason: `not valid JSON: ${(err as Error).message}` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      result.problems.push({ line, field: '(line)', reason: 'expected a JSON object' });
      return;
    }
    result.records.push({ line, value: value as Record<string, unknown> });
  });
  return result;
}
