import { parse } from 'csv-parse/sync';
import { detectDelimiter } from '../import/csv-records';
import { VisualImportError } from './errors';
import { componentsFromJson, componentsFromText, type VectorReadResult, type VectorRowProblem } from './vector-rows';

const ID_COLUMNS = new Set(['item_id', 'itemid']);

type CsvLayout = { kind: 'columns'; names: string[] } | { kind: 'vector-cell' };

/** `item_id,v0,v1,...` (one component a column) or `item_id,vector` (a JSON array or space-separated floats). */
function layoutOf(file: string, header: readonly string[]): CsvLayout {
  const first = header[0]?.trim().toLowerCase() ?? '';
  if (!ID_COLUMNS.has(first)) throw new VisualImportError(file, `the first column must be item_id (header is ${JSON.stringify(header.slice(0, 4))})`);
  if (header.length === 2 && header[1]!.trim().toLowerCase() === 'vector') return { kind: 'vector-cell' };
  if (header.length < 2) throw new VisualImportError(file, 'no vector columns after item_id');
  return { kind: 'columns', names: header.slice(1).map((h) => h.trim()) };
}

function vectorCell(line: number, cell: string): Float64Array | VectorRowProblem {
  const text = cell.trim();
  if (text === '') return { kind: 'problem', line, field: 'vector', reason: 'empty' };
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return { kind: 'problem', line, field: 'vector', reason: `malformed JSON array: ${err instanceof Error ? err.message : String(err)}` };
    }
    return componentsFromJson(line, 'vector', parsed);
  }
  return componentsFromText(line, (i) => `vector[${i}]`, text.split(/\s+/));
}

/**
 * CSV vectors with a header row (BOM tolerated, `,`, `;` or a tab detected). A row with too few or too
 * many component columns parses and is rejected later for its dimension; a row csv-parse cannot
 * read (e.g. an unclosed quote) is a problem on its line.
 */
export function* readCsvVectors(file: string, text: string): Generator<VectorReadResult> {
  const problems: VectorRowProblem[] = [];
  const rows = parse(text, {
    bom: true,
    delimiter: detectDelimiter(text),
    columns: false,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    info: true,
    on_skip: (err: { lines?: number; message: string } | undefined) => {
      if (err) problems.push({ kind: 'problem', line: err.lines ?? 0, field: '(row)', reason: err.message });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = rows[0];
  if (!header) throw new VisualImportError(file, 'empty file (no header row)');
  const layout = layoutOf(file, header.record);
  let nextProblem = 0;
  for (const { record, info } of rows.slice(1)) {
    // Problems are reported in file order, interleaved with the rows around them.
    while (nextProblem < problems.length && problems[nextProblem]!.line < info.lines) yield problems[nextProblem++]!;
    const line = info.lines;
    const itemId = record[0]?.trim() ?? '';
    if (itemId === '') {
      yield { kind: 'problem', line, field: 'item_id', reason: 'empty' };
      continue;
    }
    const values =
      layout.kind === 'vector-cell'
        ? record.length === 2
          ? vectorCell(line, record[1]!)
          : ({ kind: 'problem', line, field: '(row)', reason: `expected 2 fields (item_id, vector), found ${record.length}` } as const)
        : componentsFromText(line, (i) => layout.names[i] ?? `column ${i + 2}`, record.slice(1));
    if (values instanceof Float64Array) yield { kind: 'row', line, itemId, values };
    else yield values;
  }
  while (nextProblem < problems.length) yield problems[nextProblem++]!;
}
