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

  async function post(path: string, body: string): Promise<Reply> {
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
});
