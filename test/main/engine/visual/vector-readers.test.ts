import { afterEach, describe, expect, it } from 'vitest';
import { readCsvVectors } from '../../../../src/main/engine/visual/csv-vectors';
import { VisualImportError } from '../../../../src/main/engine/visual/errors';
import { readJsonlVectors } from '../../../../src/main/engine/visual/jsonl-vectors';
import { readNpyVectors } from '../../../../src/main/engine/visual/npy-vectors';
import type { VectorReadResult } from '../../../../src/main/engine/visual/vector-rows';
import { tempDir } from '../../../helpers/temp-dir';
import { npyBytes } from './visual-fixtures';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const summary = (results: Iterable<VectorReadResult>): string[] =>
  [...results].map((r) => (r.kind === 'row' ? `${r.line} ${r.itemId} [${[...r.values].join(',')}]` : `${r.file ? `${r.file}:` : ''}${r.line} ${r.field}: ${r.reason}`));

describe('JSONL vectors', () => {
  it('reads good rows and names each malformed line', () => {
    const text = [
      '{"itemId": "a", "vector": [1, 2, 3]}',
      '',
      '{"itemId": "b", "vector": [1, "x", 3]}',
      '{"itemId": "c", "vector": [1, 2',
      '{"vector": [1, 2, 3]}',
      '{"item_id": "d", "vector": "1 2 3"}',
      '{"itemId": "e", "vector": [0.5, -1e-3, 2]}',
    ].join('\n');
    expect(summary(readJsonlVectors(text))).toEqual([
      '1 a [1,2,3]',
      '3 vector[1]: malformed number: "x"',
      expect.stringMatching(/^4 \(row\): malformed JSON/),
      '5 itemId: missing or not a non-empty string',
      '6 vector: expected an array of numbers',
      '7 e [0.5,-0.001,2]',
    ]);
  });
});

describe('CSV vectors', () => {
  it('reads one component a column, with line numbers across blank lines and bad cells', () => {
    const text = 'item_id,v0,v1,v2\na,1,2,3\n\nb,1,two,3\nc,NaN,0,1\nd,1,2\n"e,1,2,3\n';
    expect(summary(readCsvVectors('v.csv', text))).toEqual([
      '2 a [1,2,3]',
      '4 v1: malformed number: "two"',
      '5 v0: not finite: NaN',
      '6 d [1,2]',
      expect.stringMatching(/^7 \(row\): /),
    ]);
  });

  it('reads a vector cell holding a JSON array or space-separated floats', () => {
    const text = 'item_id,vector\na,"[1, 2, 3]"\nb,1 2 3\nc,"[1, 2"\nd,\ne,1 2 x\n';
    expect(summary(readCsvVectors('v.csv', text))).toEqual([
      '2 a [1,2,3]',
      '3 b [1,2,3]',
      expect.stringMatching(/^4 vector: malformed JSON array/),
      '5 vector: empty',
      '6 vector[2]: malformed number: "x"',
    ]);
  });

  it('refuses a file whose first column is not item_id', () => {
    expect(() => [...readCsvVectors('v.csv', 'sku,v0\na,1\n')]).toThrow(VisualImportError);
  });
});

describe('.npy vectors', () => {
  const dirs: (() => void)[] = [];
  afterEach(() => dirs.splice(0).forEach((c) => c()));
  const files = (npy: Uint8Array, ids: string): { npy: string; ids: string } => {
    const { dir, cleanup } = tempDir('instinct-npy-');
    dirs.push(cleanup);
    writeFileSync(join(dir, 'v.npy'), npy);
    writeFileSync(join(dir, 'ids.txt'), ids);
    return { npy: join(dir, 'v.npy'), ids: join(dir, 'ids.txt') };
  };
  const rows = [
    [1, 2, 3],
    [0.25, -0.5, 4],
    [7, 8, 9],
  ];

  it.each(['float32', 'float64'] as const)('reads %s rows paired with the ids file', (dtype) => {
    const f = files(npyBytes(rows, dtype), 'a\nb\r\nc\n');
    expect(summary(readNpyVectors(f.npy, f.ids))).toEqual(['1 a [1,2,3]', '2 b [0.25,-0.5,4]', '3 c [7,8,9]']);
  });

  it('reads a version 2.0 header', () => {
    const f = files(npyBytes(rows, 'float32', { version: 2 }), 'a\nb\nc');
    expect(summary(readNpyVectors(f.npy, f.ids))).toHaveLength(3);
  });

  it('reports the missing rows of a truncated file and keeps the whole ones', () => {
    const full = npyBytes(rows, 'float32');
    const f = files(full.subarray(0, full.length - 14), 'a\nb\nc\n');
    expect(summary(readNpyVectors(f.npy, f.ids))).toEqual(['1 a [1,2,3]', expect.stringMatching(/^2 \(row\): truncated file: row 1 of 3 is missing/), expect.stringMatching(/^3 \(row\): truncated file/)]);
  });

  it('accounts for rows without ids, ids without rows and empty ids', () => {
    const short = files(npyBytes(rows, 'float64'), 'a\n\n');
    expect(summary(readNpyVectors(short.npy, short.ids))).toEqual(['1 a [1,2,3]', 'ids.txt:2 item_id: empty', '3 item_id: no id: ids.txt has 2 lines for 3 rows']);
    const long = files(npyBytes(rows.slice(0, 1), 'float64'), 'a\nb\n');
    expect(summary(readNpyVectors(long.npy, long.ids))).toEqual(['1 a [1,2,3]', 'ids.txt:2 vector: no row for this id: v.npy has 1 rows']);
  });

  it.each([
    ['not numpy', Buffer.from('hello world, this is not numpy'), /no \\x93NUMPY magic/],
    ['truncated header', npyBytes(rows, 'float32').subarray(0, 40), /truncated .npy header/],
    ['big-endian', npyBytes(rows, 'float32', { descr: '>f4' }), /big-endian/],
    ['int dtype', npyBytes(rows, 'float32', { descr: '<i4' }), /dtype <i4 is not supported/],
    ['Fortran order', npyBytes(rows, 'float32', { fortran: true }), /Fortran-order/],
    ['1-D', npyBytes(rows, 'float32', { shape: '(9,)' }), /expected a 2-D array/],
  ])('refuses %s with a clear error naming the file', (_, bytes, message) => {
    const f = files(bytes, 'a\nb\nc\n');
    expect(() => [...readNpyVectors(f.npy, f.ids)]).toThrow(message);
    expect(() => [...readNpyVectors(f.npy, f.ids)]).toThrow(/v\.npy/);
  });
});
