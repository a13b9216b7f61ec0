import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnknownVisualModelError, VisualImportError } from '../../../../src/main/engine/visual';
import { norm, npyBytes, visualStore, type VisualStore } from './visual-fixtures';

const jsonl = (rows: readonly [string, readonly number[]][]): string => rows.map(([itemId, vector]) => JSON.stringify({ itemId, vector })).join('\n');

let store: VisualStore;
beforeEach(() => {
  store = visualStore();
});
afterEach(() => store.cleanup());

describe('importing visual vectors', () => {
  it('stores normalised vectors under visual:<name>@<sha12> with channel visual, and activates it', async () => {
    const path = store.write('catalog images.jsonl', jsonl([['sku-1', [3, 4]], ['sku-2', [0, -2]]]));
    const report = await store.visual.importVectors({ path, format: 'jsonl' });
    expect(report).toMatchObject({ file: 'catalog images.jsonl', rowsRead: 2, stored: 2, rejected: 0, dims: 2, activated: true });
    expect(report.modelVersion).toMatch(/^visual:catalog-images@[0-9a-f]{12}$/);
    const stored = [...store.itemVectors.all(report.modelVersion)];
    expect(stored.map((r) => [r.itemId, [...r.vector]])).toEqual([
      ['sku-1', [expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]],
      ['sku-2', [0, -1]],
    ]);
    const channels = store.db.prepare('SELECT DISTINCT channel FROM item_vectors').all();
    expect(channels).toEqual([{ channel: 'visual' }]);
    expect(store.visual.status()).toMatchObject({ active: { version: report.modelVersion, kind: 'image-vectors', dims: 2 }, items: 6, itemsWithVectors: 2 });
  });

  it('rejects unknown ids, duplicates, NaN/Inf, wrong dimensions and zero vectors with file, line and field', async () => {
    const path = store.write('v.csv', ['item_id,v0,v1,v2', 'sku-1,1,0,0', 'ghost,1,0,0', 'sku-1,0,1,0', 'sku-2,inf,0,0', 'sku-3,1,0', 'sku-4,0,0,0', 'sku-5,0,0,2', 'sku-6,1,x,1'].join('\n'));
    const report = await store.visual.importVectors({ path, format: 'csv', name: 'shots' });
    expect(report.rowsRead).toBe(8);
    expect(report.stored).toBe(2);
    expect(report.rejected).toBe(6);
    expect(report.rejections.map((r) => `${r.file}:${r.line} ${r.field}: ${r.reason}`)).toEqual([
      'v.csv:3 item_id: unknown item id (not in the catalogue): ghost',
      'v.csv:4 item_id: duplicate id in the file (first on line 2): sku-1',
      'v.csv:5 v0: not finite: inf',
      expect.stringMatching(/^v\.csv:6 vector: wrong dimension: 2 values, visual:shots@[0-9a-f]{12} has 3$/),
      'v.csv:7 vector: zero vector: cannot be normalised',
      'v.csv:9 v1: malformed number: "x"',
    ]);
    for (const { vector } of store.itemVectors.all(report.modelVersion)) expect(norm(vector)).toBeCloseTo(1, 6);
  });

  it('imports float32 and float64 .npy files with an ids file; row numbers in rejections', async () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const npy = store.write(`v-${dtype}.npy`, npyBytes([[1, 1], [2, 0], [NaN, 1], [0, 5]], dtype));
      const ids = store.write('ids.txt', 'sku-1\nsku-2\nsku-3\nnope\n');
      const report = await store.visual.importVectors({ path: npy, idsPath: ids, format: 'npy', name: `imgs-${dtype}` });
      expect(report).toMatchObject({ idsFile: 'ids.txt', rowsRead: 4, stored: 2, rejected: 2, dims: 2 });
      expect(report.rejections).toEqual([
        { file: `v-${dtype}.npy`, line: 3, field: 'vector[0]', reason: 'not finite: NaN' },
        { file: `v-${dtype}.npy`, line: 4, field: 'item_id', reason: 'unknown item id (not in the catalogue): nope' },
      ]);
      const [first] = store.itemVectors.all(report.modelVersion);
      expect([...first!.vector]).toEqual([Math.fround(Math.SQRT1_2), Math.fround(Math.SQRT1_2)]);
    }
  });

  it('keeps everything already stored when a bad file comes in, and stores its good rows', async () => {
    const good = await store.visual.importText({ fileName: 'v.jsonl', format: 'jsonl', content: jsonl([['sku-1', [1, 0]], ['sku-2', [0, 1]]]) });
    const before = [...store.itemVectors.all(good.modelVersion)];
    // A truncated .npy aimed at the same version: its whole rows are stored, the rest rejected.
    const full = npyBytes([[1, 1], [5, 5], [6, 6]], 'float32');
    const npy = store.write('more.npy', full.subarray(0, full.length - 4));
    const ids = store.write('ids.txt', 'sku-3\nsku-4\nsku-5\n');
    const report = await store.visual.importVectors({ path: npy, idsPath: ids, format: 'npy', modelVersion: good.modelVersion });
    expect(report).toMatchObject({ stored: 2, rejected: 1, modelVersion: good.modelVersion });
    expect(report.rejections[0]).toMatchObject({ file: 'more.npy', line: 3, field: '(row)' });
    // A file that cannot be read at all stores nothing and changes nothing.
    const broken = store.write('broken.npy', Buffer.from('not an npy file at all'));
    await expect(store.visual.importVectors({ path: broken, idsPath: ids, format: 'npy', modelVersion: good.modelVersion })).rejects.toThrow(VisualImportError);
    const after = new Map([...store.itemVectors.all(good.modelVersion)].map((r) => [r.itemId, [...r.vector]]));
    for (const row of before) expect(after.get(row.itemId)).toEqual([...row.vector]);
    expect([...after.keys()]).toEqual(['sku-1', 'sku-2', 'sku-3', 'sku-4']);
  });

  it("enforces the version's dimension on later files", async () => {
    const first = await store.visual.importText({ fileName: 'a.jsonl', format: 'jsonl', content: jsonl([['sku-1', [1, 0, 0]]]) });
    const second = await store.visual.importText({ fileName: 'b.jsonl', format: 'jsonl', content: jsonl([['sku-2', [1, 0]], ['sku-3', [0, 1, 0]]]), modelVersion: first.modelVersion });
    expect(second).toMatchObject({ stored: 1, rejected: 1, dims: 3 });
    expect(second.rejections[0]).toMatchObject({ line: 1, field: 'vector', reason: expect.stringContaining('wrong dimension: 2 values') });
  });

  it('refuses an unregistered target version, a missing file and an .npy without ids', async () => {
    await expect(store.visual.importText({ fileName: 'a.jsonl', format: 'jsonl', content: '', modelVersion: 'visual:none@000000000000' })).rejects.toThrow(UnknownVisualModelError);
    await expect(store.visual.importVectors({ path: `${store.dir}/nope.jsonl`, format: 'jsonl' })).rejects.toThrow('cannot import visual vectors from nope.jsonl: no such file');
    await expect(store.visual.importVectors({ path: store.write('x.npy', npyBytes([[1]], 'float32')), format: 'npy' })).rejects.toThrow(/need an ids file/);
  });

  it('a file with no good row registers and activates nothing', async () => {
    const report = await store.visual.importText({ fileName: 'bad.jsonl', format: 'jsonl', content: jsonl([['ghost', [1, 2]]]) });
    expect(report).toMatchObject({ stored: 0, rejected: 1, dims: null, activated: false });
    expect(store.visual.models()).toEqual([]);
    expect(store.visual.status().active).toBeNull();
  });

  it('stores in chunks: 2,500 rows across several transactions', async () => {
    const many = visualStore(2500);
    try {
      const content = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ itemId: `sku-${i + 1}`, vector: [i + 1, 1, 0, 0] })).join('\n');
      const report = await many.visual.importText({ fileName: 'many.jsonl', format: 'jsonl', content });
      expect(report).toMatchObject({ stored: 2500, rejected: 0 });
      expect(many.itemVectors.count(report.modelVersion)).toBe(2500);
    } finally {
      many.cleanup();
    }
  });
});
