import { DatasetImportReport } from './import-report';
import { readLines } from './line-reader';

export type AtomicFieldType = 'token' | 'token_seq' | 'float' | 'float_seq';
export type AtomicValue = string | string[] | number | number[];
export interface AtomicField {
  name: string;
  type: AtomicFieldType;
}
export interface AtomicFile {
  fields: AtomicField[];
  rows: Record<string, AtomicValue>[];
  report: DatasetImportReport;
}

const FIELD_TYPES: readonly string[] = ['token', 'token_seq', 'float', 'float_seq'];

/** Parses a RecBole header such as `user_id:token<TAB>item_id_list:token_seq`. */
export function parseAtomicHeader(line: string): AtomicField[] | string {
  const fields: AtomicField[] = [];
  for (const cell of line.split('\t')) {
    const at = cell.lastIndexOf(':');
    const type = at < 0 ? '' : cell.slice(at + 1).trim();
    if (at <= 0 || !FIELD_TYPES.includes(type)) return `header cell "${cell}" is not name:token|token_seq|float|float_seq`;
    fields.push({ name: cell.slice(0, at).trim(), type: type as AtomicFieldType });
  }
  return fields;
}

/** Parses a non-token cell; a string result is the reason it is malformed. */
function parseValue(raw: string, type: Exclude<AtomicFieldType, 'token'>): AtomicValue | string {
  switch (type) {
    case 'token_seq':
      return raw.trim() === '' ? [] : raw.trim().split(/\s+/);
    case 'float': {
      const v = Number(raw);
      return raw.trim() !== '' && Number.isFinite(v) ? v : `not a number: "${raw}"`;
    }
    case 'float_seq': {
      const parts = raw.trim() === '' ? [] : raw.trim().split(/\s+/).map(Number);
      return parts.every(Number.isFinite) ? parts : `not a list of numbers: "${raw}"`;
    }
  }
}

function fillRow(row: Record<string, AtomicValue>, fields: AtomicField[], cells: string[]): { field: string; reason: string } | null {
  for (let i = 0; i < fields.length; i += 1) {
    const field = fields[i] as AtomicField;
    const raw = cells[i] ?? '';
    if (field.type === 'token') {
      if (raw.trim() === '') return { field: field.name, reason: 'empty token' };
      row[field.name] = raw.trim();
      continue;
    }
    const value = parseValue(raw, field.type);
    if (typeof value === 'string') return { field: field.name, reason: value };
    row[field.name] = value;
  }
  return null;
}

/**
 * Reads a RecBole atomic file (.inter, .item, .user, .text ...): tab-separated, typed header.
 * A float field that does not parse, an empty token or a wrong field count rejects the row only.
 */
export async function importAtomicFile(path: string): Promise<AtomicFile> {
  const report = new DatasetImportReport(path);
  const rows: Record<string, AtomicValue>[] = [];
  let fields: AtomicField[] | null = null;
  for await (const { lineNumber, text } of readLines(path)) {
    if (fields === null) {
      const header = parseAtomicHeader(text);
      if (typeof header === 'string') {
        report.reject(lineNumber, 'header', header);
        return { fields: [], rows, report };
      }
      fields = header;
      continue;
    }
    if (text.trim() === '') continue;
    const cells = text.split('\t');
    if (cells.length !== fields.length) {
      report.reject(lineNumber, 'line', `has ${cells.length} fields, header has ${fields.length}`);
      continue;
    }
    const row: Record<string, AtomicValue> = {};
    const problem = fillRow(row, fields, cells);
    if (problem === null) {
      rows.push(row);
      report.accept();
    } else report.reject(lineNumber, problem.field, problem.reason);
  }
  if (fields === null) report.reject(0, 'header', 'file is empty');
  return { fields: fields ?? [], rows, report };
}

/** Reads a typed field from a parsed row, so callers fail loudly on a file with the wrong columns. */
export function tokenField(row: Record<string, AtomicValue>, name: string): string {
  const v = row[name];
  if (typeof v !== 'string') throw new Error(`atomic row has no token field "${name}"`);
  return v;
}

export function tokenSeqField(row: Record<string, AtomicValue>, name: string): string[] {
  const v = row[name];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`atomic row has no token_seq field "${name}"`);
  return v as string[];
}
