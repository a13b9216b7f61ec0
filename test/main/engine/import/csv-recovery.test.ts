/**
 * Issue #16, item 2: one unclosed CSV quote lost every good row after it (a 101-row file with a bad
 * quote in row 11 stored 10 rows, and the report "read 11, stored 10, rejected 1" looked balanced).
 * Checked failing before the fix: on the previous commit this file stored 10 and read 11.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvRecordReader } from '../../../../src/main/engine/import/csv-records';
import type { SourceItem } from '../../../../src/main/engine/import/source-record';
import { tempEngine } from '../../../helpers/temp-dir';

function readCsv(text: string): SourceItem[] {
  const reader = new CsvRecordReader();
  const out: SourceItem[] = [];
  text.split('\n').forEach((t, i) => reader.push({ line: i + 1, text: t }, out));
  reader.end(out);
  return out;
}

describe('CSV: a malformed record never costs the rows after it', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('rejects the row with an unclosed quote and stores all 100 others; every line is accounted once', async () => {
    const lines = ['id,type,shopper_id,item_id,ts'];
    for (let row = 1; row <= 101; row++) {
      lines.push(row === 11 ? `e${row},view,"u1,P${row},1767261600` : `e${row},view,u1,P${row},${1_767_261_600 + row}`);
    }
    const report = await env.engine.imports.importText('quote.csv', `${lines.join('\n')}\n`, 'csv', 'events');
    expect(report).toMatchObject({ linesRead: 102, rowsRead: 101, stored: 100, rejected: 1, duplicates: 0, skipped: 0 });
    expect(report.rejections).toEqual([expect.objectContaining({ line: 12, field: '(row)', reason: expect.stringMatching(/unclosed quote.*line 12, column 10/) })]);
    // Header line 1, rejected line 12, and every other line is one stored event: each physical line once.
    const stored = new Set(Array.from({ length: 101 }, (_, i) => i + 2).filter((line) => env.engine.events.has(`e${line - 1}`)));
    const rejected = new Set(report.rejections.map((r) => r.line));
    for (let line = 2; line <= 102; line++) expect(Number(stored.has(line)) + Number(rejected.has(line))).toBe(1);
  });

  it('resumes after a stray quote that a later quote closes, keeping the rows in between', async () => {
    const csv = ['id,type,shopper_id,item_id', 'a1,view,u1,"P1', 'a2,view,u1,P2', 'a3,view,u1,P"3', 'a4,view,u1,P4', ''].join('\n');
    const report = await env.engine.imports.importText('stray.csv', csv, 'csv', 'events');
    expect(report).toMatchObject({ rowsRead: 4, stored: 3, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({ line: 2, reason: expect.stringContaining('resumes on line 3') });
    expect(['a2', 'a3', 'a4'].every((id) => env.engine.events.has(id))).toBe(true);
  });
});

describe('CsvRecordReader', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF endings and blank lines', () => {
    const out = readCsv('a,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"multi\nline",3\r\n');
    expect(out).toEqual([
      { kind: 'record', line: 2, value: { a: '1', b: 'x, y', c: 'say "hi"' } },
      { kind: 'record', line: 4, value: { a: '2', b: 'multi\nline', c: '3' } },
    ]);
  });

  it('reports a wrong field count and text after a closing quote on their own lines', () => {
    const out = readCsv('a,b\n1,2,3\n"x"y,2\n4,5');
    expect(out.map((o) => [o.line, o.kind])).toEqual([
      [2, 'problem'],
      [3, 'problem'],
      [4, 'record'],
    ]);
    expect(out[0]).toMatchObject({ reason: 'wrong number of fields: expected 2, found 3' });
  });

  it('detects semicolons and keeps a __proto__ column as a plain own field', () => {
    const [first] = readCsv('__proto__;b\n1;2');
    expect(first?.kind === 'record' && Object.getPrototypeOf(first.value)).toBe(Object.prototype);
    expect(first?.kind === 'record' && Object.keys(first.value)).toEqual(['__proto__', 'b']);
  });
});
