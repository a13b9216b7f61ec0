/**
 * Issue #16, item 7: 500s where 400s belong (a malformed percent-escape in the RPC path, a
 * 1,000,000-character category filter, a context nested 5,000 deep), and the Build section's
 * "prototype-polluting keys rejected with a reason".
 * Checked failing before the fix: on the previous commit these answered 500 ("URIError", "LIKE
 * pattern too complex", "Maximum call stack size exceeded"), and a `__proto__` key in a context was
 * dropped silently with a 200.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../../../src/main/engine/server/http-server';
import { MAX_PRICE, MAX_QUANTITY } from '../../../../src/shared/contract';
import { tempEngine } from '../../../helpers/temp-dir';

interface Reply {
  status: number;
  json: { ok: boolean; error?: { code: string; message: string; issues?: { path: string; message: string }[] } };
}

describe('bad input is a 400 that names the field', () => {
  let env: ReturnType<typeof tempEngine>;
  let server: RunningServer;
  beforeEach(async () => {
    env = tempEngine();
    env.engine.catalog.upsertItems([{ itemId: 'P1', title: 'Mug', category: 'Home > Kitchen' }]);
    server = await startHttpServer(env.engine);
  });
  afterEach(async () => {
    await server.close();
    await env.cleanup();
  });

  async function post(path: string, body: string | Uint8Array<ArrayBuffer>): Promise<Reply> {
    const res = await fetch(`${server.url}/rpc/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body });
    return { status: res.status, json: (await res.json()) as Reply['json'] };
  }

  it('a malformed percent-escape in the method name', async () => {
    const reply = await post('stats%E0%A4%A.get', '{}');
    expect(reply.status).toBe(400);
    expect(reply.json.error?.issues?.[0]?.path).toBe('(method)');
  });

  it('a million-character category filter', async () => {
    const reply = await post('catalog.list', JSON.stringify({ category: '%_'.repeat(500_000) }));
    expect(reply.status).toBe(400);
    expect(reply.json.error?.issues?.[0]?.path).toBe('category');
  });

  it('a context nested 5,000 deep, in ingest and in recommend', async () => {
    // Built as text: JSON.stringify itself cannot walk 5,000 levels.
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const ingest = await post('events.ingest', `{"events":[{"type":"view","shopperId":"u","itemId":"P1","context":${deep}}]}`);
    expect(ingest.status).toBe(400);
    expect(ingest.json.error?.issues?.[0]?.path).toMatch(/^events\.0\.context/);
    let shallowButDeepEnough: unknown = 1;
    for (let i = 0; i < 12; i++) shallowButDeepEnough = { a: shallowButDeepEnough };
    const recommend = await post('recommend', JSON.stringify({ shopperId: 'u', context: shallowButDeepEnough }));
    expect(recommend.status).toBe(400);
    expect(recommend.json.error?.issues?.[0]).toMatchObject({ path: expect.stringMatching(/^context/), message: expect.stringContaining('deeper than 8') });
  });

  it('prototype-polluting keys anywhere, with the reason', async () => {
    const proto = await post('events.ingest', '{"events":[{"type":"view","shopperId":"u","itemId":"P1","context":{"__proto__":{"admin":true}}}]}');
    expect(proto.status).toBe(400);
    expect(proto.json.error?.issues?.[0]).toEqual({ path: 'events.0.context.__proto__', message: expect.stringContaining('prototype') });
    const ctor = await post('catalog.upsert', '{"items":[{"itemId":"P2","title":"x","attributes":{"constructor":"y"}}]}');
    expect(ctor.status).toBe(400);
    expect(ctor.json.error?.issues?.[0]?.path).toBe('items.0.attributes.constructor');
    const patch = await post('rules.update', '{"ruleId":"r1","patch":{"__proto__":{"kind":"pin"}}}');
    expect(patch.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('attributes that are not flat scalars, or too many', async () => {
    const nested = await post('catalog.upsert', JSON.stringify({ items: [{ itemId: 'P3', title: 'x', attributes: { size: { eu: 42 } } }] }));
    expect(nested.json.error?.issues?.[0]?.path).toBe('items.0.attributes.size');
    const many = await post('catalog.upsert', JSON.stringify({ items: [{ itemId: 'P3', title: 'x', attributes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i])) }] }));
    expect(many.status).toBe(400);
    expect(many.json.error?.issues?.[0]?.message).toMatch(/more than 100 entries/);
  });

  // Checked failing before the fix: a purchase at 1e308 x 2 was stored, its roll-up write failed on
  // the flush timer and the process exited; a catalogue price of 1e308 was stored too.
  it('a price over the ceiling, in an event or a catalogue item', async () => {
    const event = await post('events.ingest', JSON.stringify({ events: [{ type: 'view', shopperId: 'u', itemId: 'P1' }, { type: 'purchase', shopperId: 'u', itemId: 'P1', price: 1e308, quantity: 2 }] }));
    expect(event.status).toBe(400);
    expect(event.json.error?.issues?.[0]).toEqual({ path: 'events.1.price', message: `at most ${MAX_PRICE} per unit` });
    const quantity = await post('events.ingest', JSON.stringify({ events: [{ type: 'purchase', shopperId: 'u', itemId: 'P1', price: 1, quantity: 100_001 }] }));
    expect(quantity.json.error?.issues?.[0]?.path).toBe('events.0.quantity');
    const item = await post('catalog.upsert', JSON.stringify({ items: [{ itemId: 'P9', title: 'Gold mug', price: MAX_PRICE * 10 }] }));
    expect(item.status).toBe(400);
    expect(item.json.error?.issues?.[0]?.path).toBe('items.0.price');
    const atCeiling = await post('events.ingest', JSON.stringify({ events: [{ type: 'purchase', shopperId: 'u', itemId: 'P1', price: MAX_PRICE, quantity: MAX_QUANTITY }] }));
    expect(atCeiling.status).toBe(200);
  });

  // Checked failing before the fix: the bytes became U+FFFD and the item was stored under that id (200).
  it('a body that is not valid UTF-8, small or a large import', async () => {
    const bytes = (...parts: (string | number[])[]): Uint8Array<ArrayBuffer> => Uint8Array.from(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))));
    const small = await post('catalog.upsert', bytes('{"items":[{"itemId":"Q', [0xff, 0xfe], '","title":"t"}]}'));
    expect(small.status).toBe(400);
    expect(small.json.error?.issues?.[0]).toEqual({ path: '(body)', message: 'not valid UTF-8 (byte 22)' });
    expect(env.engine.catalog.count()).toBe(1);
    // A lone surrogate encoded as UTF-8 (ED A0 80) is not UTF-8 either.
    const surrogate = await post('catalog.get', bytes('{"itemId":"', [0xed, 0xa0, 0x80], '"}'));
    expect(surrogate.json.error?.issues?.[0]?.path).toBe('(body)');
    // Over LARGE_IMPORT_BODY_BYTES the body is checked on a worker thread: the same answer.
    const json = JSON.stringify({ fileName: 'a.csv', format: 'csv', target: 'events', content: `type,shopperId,itemId\nview,u1,P1 BAD\n${'view,u1,P1\n'.repeat(30_000)}` });
    const [head = '', tail = ''] = json.split('BAD');
    const large = await post('import.text', bytes(head, [0xc3, 0x28], tail));
    expect(large.status).toBe(400);
    expect(large.json.error?.issues?.[0]).toEqual({ path: '(body)', message: expect.stringMatching(/^not valid UTF-8/) });
  });

  // Checked failing before the fix: each answered 200 (clamped or an empty page); rules.preview
  // answered ruleIds: [] for a rule that does not exist.
  it.each([
    ['metrics.summary', { from: 2000, to: 1000 }, 'to'],
    ['metrics.timeseries', { from: 2000, to: 1000 }, 'to'],
    ['metrics.positions', { from: 2000, to: 1000 }, 'to'],
    ['sessions.list', { startedFrom: 2000, startedBefore: 1000 }, 'startedBefore'],
    ['sessions.list', { minEvents: 10, maxEvents: 2 }, 'maxEvents'],
    ['audit.list', { from: 2000, to: 1000 }, 'to'],
    ['search', { query: 'mug', filters: { priceMin: 10, priceMax: 1 } }, 'filters.priceMax'],
  ])('a reversed range: %s %j names %s', async (method, input, path) => {
    const reply = await post(method, JSON.stringify(input));
    expect(reply.status).toBe(400);
    expect(reply.json.error?.issues?.[0]?.path).toBe(path);
  });

  it('a range that is not reversed is still fine', async () => {
    for (const [method, input] of [
      ['metrics.summary', { from: 1000, to: 1000 }],
      ['sessions.list', { startedFrom: 1000, startedBefore: 2000, minEvents: 2, maxEvents: 2 }],
      ['audit.list', { from: 1000, to: 2000 }],
      ['search', { query: 'mug', filters: { priceMin: 1, priceMax: 10 } }],
    ] as const) expect((await post(method, JSON.stringify(input))).status).toBe(200);
  });

  it('rules.preview of a rule that does not exist is a 404 naming it', async () => {
    const reply = await post('rules.preview', JSON.stringify({ slot: 'search', query: 'mug', ruleIds: ['nope', 'also-nope'] }));
    expect(reply.status).toBe(404);
    expect(reply.json.error?.issues).toEqual([
      { path: 'ruleIds.0', message: 'not found' },
      { path: 'ruleIds.1', message: 'not found' },
    ]);
  });
});
