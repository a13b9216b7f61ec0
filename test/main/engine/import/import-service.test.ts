import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEngine } from '../../../helpers/temp-dir';

describe('ImportService: events', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('stores good CSV rows and reports each bad one with line, field and reason', async () => {
    const csv = [
      '\uFEFFid,type,shopper_id,item_id,price,ts',
      'e1,view,u1,P1,9.99,2026-01-01T10:00:00Z',
      'e2,teleport,u1,P1,,2026-01-01T10:01:00Z',
      'e3,add_to_cart,u1,,,2026-01-01T10:02:00Z',
      'e4,view,u1,P2,abc,2026-01-01T10:03:00Z',
      'e5,view,u1,P3,1,not-a-date',
      'e6,view,u1,P4',
      '"e7","purchase","u1","P1","9.99","1767261900000"',
    ].join('\r\n');
    const report = await env.engine.imports.importText('events.csv', csv, 'csv', 'events');
    expect(report.rowsRead).toBe(7);
    expect(report.stored).toBe(2);
    expect(report.rejected).toBe(5);
    const byLine = Object.fromEntries(report.rejections.map((r) => [r.line, r]));
    expect(byLine[3]).toMatchObject({ file: 'events.csv', field: 'type' });
    expect(byLine[4]).toMatchObject({ field: 'itemId', reason: expect.stringContaining('add_to_cart') });
    expect(byLine[5]).toMatchObject({ field: 'price', reason: expect.stringContaining('not a number') });
    expect(byLine[6]).toMatchObject({ field: 'ts' });
    expect(byLine[7]).toMatchObject({ field: '(row)', reason: expect.stringContaining('number of fields') });
    expect(env.engine.events.has('e1') && env.engine.events.has('e7')).toBe(true);
  });

  it('reads semicolon-separated CSV with quoted fields holding delimiters and newlines', async () => {
    const csv = 'type;shopper_id;query;ts\nsearch;u1;"red; shoes\nsize 42";1767261600\nsearch;u2;"say ""hi""";1767261601\n';
    const report = await env.engine.imports.importText('s.csv', csv, 'csv', 'events');
    expect(report).toMatchObject({ stored: 2, rejected: 0 });
    const queries = env.engine.events.recent({ limit: 10 }).map((e) => e.query).sort();
    expect(queries).toEqual(['red; shoes\nsize 42', 'say "hi"']);
  });

  it('re-importing the same file stores nothing twice, and a bad file loses nothing already stored', async () => {
    const jsonl = '{"type":"view","shopperId":"u1","itemId":"A","ts":1767261600000}\n{"type":"view","shopperId":"u1","itemId":"B","ts":1767261601000}\n';
    expect(await env.engine.imports.importText('a.jsonl', jsonl, 'jsonl', 'events')).toMatchObject({ stored: 2, duplicates: 0 });
    expect(await env.engine.imports.importText('a.jsonl', jsonl, 'jsonl', 'events')).toMatchObject({ stored: 0, duplicates: 2 });
    const bad = await env.engine.imports.importText('b.jsonl', '{"type":"view"\n[1,2]\n{"type":"view","shopperId":"u1"}\n', 'jsonl', 'events');
    expect(bad).toMatchObject({ stored: 0, rejected: 3 });
    expect(bad.rejections.map((r) => [r.line, r.field])).toEqual([
      [1, '(line)'],
      [2, '(line)'],
      [3, 'itemId'],
    ]);
    expect(env.engine.stats.stats().events).toBe(2);
  });

  it('maps GA4 BigQuery export rows onto our types, one event per item', async () => {
    const row = (name: string, extra: object): string =>
      JSON.stringify({ event_name: name, event_timestamp: '1767261600000000', user_pseudo_id: 'g1', event_params: [{ key: 'ga_session_id', value: { int_value: 77 } }], ...extra });
    const text = [
      row('view_item', { items: [{ item_id: 'P1', price: 10 }] }),
      row('purchase', { ecommerce: { transaction_id: 'T9' }, items: [{ item_id: 'P1', price: 10, quantity: 2 }, { item_id: 'P2', price: 5, quantity: 1 }] }),
      row('view_search_results', { event_params: [{ key: 'search_term', value: { string_value: 'red shoes' } }] }),
      row('page_view', {}),
      row('add_to_cart', { items: [] }),
    ].join('\n');
    const report = await env.engine.imports.importText('ga4.jsonl', text, 'ga4', 'events');
    expect(report).toMatchObject({ rowsRead: 5, stored: 4, skipped: 1, rejected: 1 });
    expect(report.skippedReasons).toEqual({ 'GA4 page_view is not an e-commerce event': 1 });
    expect(report.rejections[0]).toMatchObject({ line: 5, field: 'items' });
    const events = env.engine.events.recent({ limit: 10 });
    expect(events.filter((e) => e.type === 'purchase').map((e) => [e.itemId, e.quantity])).toEqual(
      expect.arrayContaining([
        ['P1', 2],
        ['P2', 1],
      ]),
    );
    expect(new Set(events.filter((e) => e.type !== 'search').map((e) => e.sessionId))).toEqual(new Set(['ga-g1-77']));
    expect(events.find((e) => e.type === 'search')?.query).toBe('red shoes');
    // Re-import is idempotent even though GA4 rows carry no event id.
    expect((await env.engine.imports.importText('ga4.jsonl', text, 'ga4', 'events')).stored).toBe(0);
  });

  it('maps Segment e-commerce track calls', async () => {
    const text = [
      { type: 'track', event: 'Product Viewed', userId: 'u9', messageId: 'm1', timestamp: '2026-01-01T10:00:00Z', properties: { product_id: 'P1', price: 3 } },
      { type: 'track', event: 'Products Searched', anonymousId: 'a1', messageId: 'm2', timestamp: '2026-01-01T10:00:01Z', properties: { query: 'mug' } },
      { type: 'track', event: 'Order Completed', userId: 'u9', messageId: 'm3', timestamp: '2026-01-01T10:05:00Z', properties: { order_id: 'o1', products: [{ product_id: 'P1', quantity: 1 }, { sku: 'P2', quantity: 3 }] } },
      { type: 'identify', userId: 'u9' },
      { type: 'track', event: 'Product Added', messageId: 'm4', properties: { product_id: 'P1' } },
    ]
      .map((m) => JSON.stringify(m))
      .join('\n');
    const report = await env.engine.imports.importText('seg.jsonl', text, 'segment', 'events');
    expect(report).toMatchObject({ stored: 4, skipped: 1, rejected: 1 });
    expect(report.rejections[0]).toMatchObject({ line: 5, field: 'anonymousId' });
    expect(env.engine.events.has('m3#1')).toBe(true);
    expect(env.engine.events.recent({ limit: 10, shopperId: 'a1' })[0]).toMatchObject({ type: 'search', query: 'mug' });
  });
});

describe('ImportService: catalogue', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('upserts items with attributes from JSON or attr_ columns, and reports bad rows', async () => {
    const csv = [
      'item_id,title,brand,category,price,in_stock,attr_colour,attributes',
      'P1,Linen Shirt,Acme,Fashion > Shirts,29.90,yes,white,"{""size"":""M""}"',
      'P2,,Acme,Fashion,10,yes,,',
      'P3,Mug,Potts,Home,-1,no,,',
      'P4,Bowl,Potts,Home,4,maybe,,',
    ].join('\n');
    const report = await env.engine.imports.importText('items.csv', csv, 'csv', 'catalog');
    expect(report).toMatchObject({ stored: 1, rejected: 3 });
    expect(report.rejections.map((r) => r.field)).toEqual(['title', 'price', 'inStock']);
    expect(env.engine.catalog.get('P1')).toMatchObject({ title: 'Linen Shirt', attributes: { colour: 'white', size: 'M' }, inStock: true, price: 29.9 });
    await env.engine.imports.importText('items.csv', 'item_id,title\nP1,Linen Shirt v2\n', 'csv', 'catalog');
    expect(env.engine.catalog.get('P1')?.title).toBe('Linen Shirt v2');
  });

  it('refuses a catalogue import from an events-only format', async () => {
    await expect(env.engine.imports.importText('x.jsonl', '{}', 'ga4', 'catalog')).rejects.toThrow(/carry events/);
  });
});
