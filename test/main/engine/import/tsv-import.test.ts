/**
 * The Import page offers .tsv files (as the CSV format): the reader must split them on tabs, decided
 * by the header line, with quoted fields still read as in CSV.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CsvRecordReader, detectDelimiter } from '../../../../src/main/engine/import/csv-records';
import type { SourceItem } from '../../../../src/main/engine/import/source-record';
import { tempEngine } from '../../../helpers/temp-dir';

const tsv = (...rows: string[][]): string => rows.map((r) => r.join('\t')).join('\n');

describe('detectDelimiter', () => {
  it('picks a tab when the header has more tabs than commas and semicolons outside quotes', () => {
    expect(detectDelimiter('item_id\ttitle\tprice')).toBe('\t');
    // A column name with a comma or semicolon in it does not outvote the tabs.
    expect(detectDelimiter('item_id\tprice, EUR\tsize; EU')).toBe('\t');
    // Tabs inside quotes are part of a name, not delimiters.
    expect(detectDelimiter('"a\tb\tc",d,e')).toBe(',');
    expect(detectDelimiter('\uFEFFa;b;c')).toBe(';');
    expect(detectDelimiter('a,b')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('reads tab-separated records with quoted fields holding tabs, quotes and line breaks', () => {
    const reader = new CsvRecordReader();
    const out: SourceItem[] = [];
    const text = 'a\tb\tc\r\n1\t"x\ty"\t"say ""hi"""\r\n2\t"multi\nline"\t\r\n';
    text.split('\n').forEach((t, i) => reader.push({ line: i + 1, text: t }, out));
    reader.end(out);
    expect(out).toEqual([
      { kind: 'record', line: 2, value: { a: '1', b: 'x\ty', c: 'say "hi"' } },
      { kind: 'record', line: 3, value: { a: '2', b: 'multi\nline', c: '' } },
    ]);
  });
});

describe('ImportService: tab-separated files', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('imports a tab-separated catalogue with its fields and attr_ columns; bad rows name their line', async () => {
    const text = tsv(
      ['item_id', 'title', 'brand', 'category', 'price', 'in_stock', 'attr_size'],
      ['P1', 'Linen Shirt, white', 'Acme', 'Fashion > Shirts', '29.90', 'yes', '42'],
      ['P2', 'Mug', 'Potts', 'Home', 'cheap', 'yes', ''],
      ['P3', 'Bowl', 'Potts', 'Home', '4'],
      ['P4', '"Tea; green"', 'Leaf', 'Food', '3.5', 'no', ''],
    );
    const report = await env.engine.imports.importText('items.tsv', text, 'csv', 'catalog');
    expect(report).toMatchObject({ rowsRead: 4, stored: 2, rejected: 2 });
    expect(report.rejections).toEqual([
      expect.objectContaining({ line: 3, field: 'price' }),
      expect.objectContaining({ line: 4, field: '(row)', reason: expect.stringContaining('expected 7, found 5') }),
    ]);
    expect(env.engine.catalog.get('P1')).toMatchObject({ title: 'Linen Shirt, white', brand: 'Acme', category: 'Fashion > Shirts', price: 29.9, inStock: true, attributes: { size: '42' } });
    expect(env.engine.catalog.get('P4')).toMatchObject({ title: 'Tea; green', inStock: false });
  });

  it('imports a tab-separated event file; bad rows name their line and field', async () => {
    const text = tsv(
      ['id', 'type', 'shopper_id', 'item_id', 'query', 'ts'],
      ['e1', 'view', 'u1', 'P1', '', '2026-01-01T10:00:00Z'],
      ['e2', 'teleport', 'u1', 'P1', '', '2026-01-01T10:01:00Z'],
      ['e3', 'search', 'u2', '', 'red, shoes', '2026-01-01T10:02:00Z'],
      ['e4', 'view', 'u1', 'P2', '', 'not-a-date'],
    );
    const report = await env.engine.imports.importText('events.tsv', text, 'csv', 'events');
    expect(report).toMatchObject({ rowsRead: 4, stored: 2, rejected: 2 });
    expect(report.rejections).toEqual([expect.objectContaining({ file: 'events.tsv', line: 3, field: 'type' }), expect.objectContaining({ line: 5, field: 'ts' })]);
    expect(env.engine.events.has('e1')).toBe(true);
    expect(env.engine.events.recent({ limit: 10, shopperId: 'u2' })[0]).toMatchObject({ type: 'search', query: 'red, shoes' });
  });
});
