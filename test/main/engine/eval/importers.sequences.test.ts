import { describe, expect, it } from 'vitest';
import { importItemTitles } from '../../../../src/main/engine/datasets/item-titles';
import { importAtomicFile, parseAtomicHeader, tokenSeqField } from '../../../../src/main/engine/datasets/recbole-atomic';
import { importSequenceLines } from '../../../../src/main/engine/datasets/sequence-lines';
import { tempFolder } from './temp-files';

const files = tempFolder('sequences');

describe('RecBole atomic files', () => {
  it('parses typed headers', () => {
    expect(parseAtomicHeader('user_id:token\titem_id_list:token_seq\trating:float')).toEqual([
      { name: 'user_id', type: 'token' },
      { name: 'item_id_list', type: 'token_seq' },
      { name: 'rating', type: 'float' },
    ]);
    expect(parseAtomicHeader('user_id\titem_id:token')).toContain('not name:token');
  });
  it('reads .inter rows and rejects wrong field counts, empty tokens and bad floats', async () => {
    const path = files.write(
      'Toy.test.inter',
      'user_id:token\titem_id_list:token_seq\titem_id:token\tweight:float\n0\t0 1 2\t3\t1.5\n1\t4\t5\n2\t\t6\t2\n\t1\t2\t1\n3\t1 2\t7\theavy\n',
    );
    const file = await importAtomicFile(path);
    expect(file.rows).toHaveLength(2);
    expect(tokenSeqField(file.rows[0] ?? {}, 'item_id_list')).toEqual(['0', '1', '2']);
    expect(file.rows[0]?.weight).toBe(1.5);
    expect(file.rows[1]?.item_id_list).toEqual([]);
    expect(file.report.rejections.map((r) => [r.line, r.field])).toEqual([[3, 'line'], [5, 'user_id'], [6, 'weight']]);
  });
  it('reads .item / .text files with free text in a token_seq column', async () => {
    const path = files.write('Toy.text', 'item_id:token\ttext:token_seq\nB001\tPORTER-CABLE  Sanding Roll.\n');
    const file = await importAtomicFile(path);
    expect(file.rows[0]).toEqual({ item_id: 'B001', text: ['PORTER-CABLE', 'Sanding', 'Roll.'] });
  });
});

describe('sequence-per-line files and item titles', () => {
  it('reads Beauty.txt style lines and rejects bad tokens whole', async () => {
    const path = files.write('Toy.txt', '1 1 2 3\n2 4 x 5\n3\nabc 1 2\n\n4 2 3\n');
    const { sequences, report } = await importSequenceLines(path);
    expect(sequences).toEqual([{ userId: '1', items: ['1', '2', '3'] }, { userId: '4', items: ['2', '3'] }]);
    expect(report.rejections.map((r) => [r.line, r.field])).toEqual([[2, 'item_id[1]'], [3, 'item_id'], [4, 'user_id']]);
  });
  it('reads items.tsv, keeping empty titles', async () => {
    const path = files.write('items.tsv', 'item_id\tasin\ttitle\n1\tB004\tOPI Nail Lacquer\n2\tB005\t\n3\n');
    const { items, report } = await importItemTitles(path);
    expect(items).toEqual([
      { itemId: '1', sourceId: 'B004', title: 'OPI Nail Lacquer' },
      { itemId: '2', sourceId: 'B005', title: '' },
    ]);
    expect(report.rejections).toEqual([{ file: path, line: 4, field: 'asin', reason: 'missing' }]);
  });
});
