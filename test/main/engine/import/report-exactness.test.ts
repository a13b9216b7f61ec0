/**
 * Issue #16, item 10: import reports were not exact: one bad line counted twice; a catalogue id
 * repeated in one file reported "stored 3, duplicates 0" and silently kept the last; `__proto__`
 * keys were dropped silently.
 * Checked failing before the fix: on the previous commit the GA4 line below reported rowsRead 1 and
 * rejected 2, the catalogue file stored 3 with 0 duplicates, and the `__proto__` rows were stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEngine } from '../../../helpers/temp-dir';

describe('import reports are exact', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('counts a bad line once however many of its items are bad, and stores none of it', async () => {
    const line = JSON.stringify({ event_name: 'purchase', event_timestamp: '1767261600000000', user_pseudo_id: 'g1', items: [{ item_id: 'x'.repeat(200) }, { item_id: 'y'.repeat(200) }, { item_id: 'ok' }] });
    const report = await env.engine.imports.importText('g.jsonl', `${line}\n`, 'ga4', 'events');
    expect(report).toMatchObject({ rowsRead: 1, rejected: 1, stored: 0 });
    expect(report.rejections).toEqual([expect.objectContaining({ line: 1, field: 'itemId' })]);
    expect(env.engine.stats.stats().events).toBe(0);
  });

  it('reports a catalogue id repeated in one file as duplicates, with the lines, and keeps the last row', async () => {
    const report = await env.engine.imports.importText('items.csv', 'item_id,title\nP1,first\nP2,other\nP1,second\nP1,third\n', 'csv', 'catalog');
    expect(report).toMatchObject({ rowsRead: 4, stored: 2, duplicates: 2, rejected: 0 });
    expect(report.warnings.map((w) => [w.line, w.field])).toEqual([
      [4, 'itemId'],
      [5, 'itemId'],
    ]);
    expect(report.warnings[0]?.reason).toContain('line 2');
    expect(env.engine.catalog.get('P1')?.title).toBe('third');
  });

  it('rejects rows with prototype keys, saying why, at any depth and in attr_ columns', async () => {
    const jsonl = [
      '{"__proto__":{"x":1},"type":"view","shopperId":"u","itemId":"P"}',
      '{"type":"view","shopperId":"u","itemId":"P","context":{"ok":1,"constructor":{"prototype":{}}}}',
      '{"type":"view","shopperId":"u","itemId":"P","id":"fine"}',
    ].join('\n');
    const report = await env.engine.imports.importText('p.jsonl', jsonl, 'jsonl', 'events');
    expect(report).toMatchObject({ rowsRead: 3, stored: 1, rejected: 2 });
    expect(report.rejections.map((r) => [r.line, r.field])).toEqual([
      [1, '__proto__'],
      [2, 'context.constructor'],
    ]);
    expect(report.rejections[0]?.reason).toMatch(/prototype/);
    const items = await env.engine.imports.importText('i.csv', 'item_id,title,attr___proto__\nP1,Mug,x\n', 'csv', 'catalog');
    expect(items.rejections[0]).toMatchObject({ line: 2, field: 'attr___proto__', reason: expect.stringMatching(/prototype/) });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('accounts for every row: read = stored + duplicates + rejected + skipped', async () => {
    const jsonl = ['{"type":"view","shopperId":"u","itemId":"P","id":"a"}', '', '{"type":"view","shopperId":"u","itemId":"P","id":"a"}', 'not json', '{"type":"custom:x","shopperId":"u","id":"b"}', ''].join('\n');
    const report = await env.engine.imports.importText('a.jsonl', jsonl, 'jsonl', 'events');
    expect(report).toMatchObject({ linesRead: 5, rowsRead: 4, stored: 2, duplicates: 1, rejected: 1, skipped: 0 });
    expect(report.rowsRead).toBe(report.stored + report.duplicates + report.rejected + report.skipped);
  });
});
