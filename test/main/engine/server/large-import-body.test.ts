/**
 * A large `import.text` body over HTTP (up to 32 MiB of JSON) is parsed and checked on a worker
 * thread: the engine's thread neither JSON.parses it nor decodes it to a string, and the import,
 * its report and its errors are the same as for a small body.
 * Checked failing before the change: the server read every body with JSON.parse on the engine's
 * thread (the first test saw the whole ~0.5 MB body decoded and JSON.parsed there).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../src/shared/contract';
import { LARGE_IMPORT_BODY_BYTES, startHttpServer, type RunningServer } from '../../../../src/main/engine/server/http-server';
import { bodyChecksRunning, MAX_BODY_CHECKS } from '../../../../src/main/engine/import/import-body-thread';
import { tempEngine } from '../../../helpers/temp-dir';

interface Reply {
  status: number;
  json: { ok: boolean; result?: unknown; error?: { code: string; message: string; issues?: { path: string }[] } };
}

async function post(server: RunningServer, method: string, body: string, token = server.token): Promise<Reply> {
  const res = await fetch(`${server.url}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body });
  return { status: res.status, json: (await res.json()) as Reply['json'] };
}

/** JSONL events with quotes, escapes and non-ASCII text, about `bytes` long. */
function eventsJsonl(bytes: number, prefix: string): { text: string; rows: number } {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = JSON.stringify({ id: `${prefix}-${i}`, type: 'search', shopperId: `u${i % 300}`, query: `"thé" vert\t${i} ☕`, ts: 1_767_261_600_000 + i * 1000 });
    lines.push(line);
    size += line.length + 1;
  }
  return { text: lines.join('\n'), rows: lines.length };
}

/** Records JSON.parse calls and Buffer-to-string decodes of more than `min` characters/bytes on this (the engine's) thread. */
function watchLargeParses(min: number): { seen: string[]; restore: () => void } {
  const seen: string[] = [];
  const parse = JSON.parse;
  const toString = Buffer.prototype.toString;
  JSON.parse = function (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) {
    if (typeof text === 'string' && text.length > min) seen.push(`JSON.parse of ${text.length} characters`);
    return parse(text, reviver);
  } as typeof JSON.parse;
  Buffer.prototype.toString = function (this: Buffer, ...args: Parameters<Buffer['toString']>) {
    if (this.length > min) seen.push(`Buffer.toString of ${this.length} bytes`);
    return toString.apply(this, args);
  } as Buffer['toString'];
  return {
    seen,
    restore: () => {
      JSON.parse = parse;
      Buffer.prototype.toString = toString;
    },
  };
}

describe('a large import.text body over HTTP', () => {
  let env: ReturnType<typeof tempEngine>;
  let server: RunningServer;
  beforeEach(async () => {
    env = tempEngine();
    server = await startHttpServer(env.engine);
  });
  afterEach(async () => {
    await server.close();
    await env.cleanup();
  });

  it('is never parsed on the engine thread, and imports every row', async () => {
    const { text, rows } = eventsJsonl(2 * LARGE_IMPORT_BODY_BYTES, 'big');
    const body = JSON.stringify({ fileName: 'big.jsonl', format: 'jsonl', target: 'events', content: text });
    expect(body.length).toBeGreaterThan(LARGE_IMPORT_BODY_BYTES);
    const watch = watchLargeParses(LARGE_IMPORT_BODY_BYTES);
    let reply: Reply;
    try {
      reply = await post(server, 'import.text', body);
    } finally {
      watch.restore();
    }
    expect(watch.seen).toEqual([]);
    expect(reply.status).toBe(200);
    const report = reply.json.result as ImportReport;
    expect(report).toMatchObject({ file: 'big.jsonl', rowsRead: rows, stored: rows, rejected: 0, cancelled: false });
    // The text arrived whole: quotes, tabs and non-ASCII characters intact.
    const stored = await env.engine.dispatcher.call('events.recent', { shopperId: 'u7', limit: 1 });
    expect(stored[0]?.query).toMatch(/^"thé" vert\t\d+ ☕$/);
    // Progress counted characters of the text, as for a small body.
    expect(env.engine.imports.list()[0]?.progress.total).toBe(text.length);
  }, 120_000);

  it('answers a bad body with the same errors as a small one', async () => {
    const padding = 'x'.repeat(LARGE_IMPORT_BODY_BYTES + 10);
    const notJson = await post(server, 'import.text', `{"fileName": "a.csv", "content": "${padding}`);
    expect(notJson.status).toBe(400);
    expect(notJson.json.error?.message).toMatch(/^body: not valid JSON/);
    const badFormat = await post(server, 'import.text', JSON.stringify({ fileName: 'a.csv', format: 'xml', target: 'events', content: padding }));
    expect(badFormat.status).toBe(400);
    expect(badFormat.json.error?.issues?.map((i) => i.path)).toEqual(['format']);
    const extra = await post(server, 'import.text', JSON.stringify({ fileName: 'a.csv', format: 'csv', target: 'events', content: padding, __proto__x: 1 }));
    expect(extra.status).toBe(400);
    const catalogGa4 = await post(server, 'import.text', JSON.stringify({ fileName: 'a.json', format: 'ga4', target: 'catalog', content: padding }));
    expect(catalogGa4.status).toBe(400);
    expect(catalogGa4.json.error?.message).toMatch(/^format: /);
  }, 120_000);

  it('checks many large bodies at once at most MAX_BODY_CHECKS at a time, and answers every one', async () => {
    const padding = 'z'.repeat(LARGE_IMPORT_BODY_BYTES + 10);
    let most = 0;
    const timer = setInterval(() => (most = Math.max(most, bodyChecksRunning())), 1);
    try {
      const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => post(server, 'import.text', JSON.stringify({ fileName: `a${i}.csv`, format: 'xml', target: 'events', content: padding }))));
      expect(replies.map((r) => r.status)).toEqual(Array.from({ length: 8 }, () => 400));
      for (const r of replies) expect(r.json.error?.issues?.map((x) => x.path)).toEqual(['format']);
    } finally {
      clearInterval(timer);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_BODY_CHECKS);
    expect(bodyChecksRunning()).toBe(0);
  }, 120_000);

  it('refuses a role that may not import without checking the body', async () => {
    const created = await post(server, 'users.create', JSON.stringify({ name: 'vera', role: 'viewer' }));
    const viewer = (created.json.result as { token: string }).token;
    const reply = await post(server, 'import.text', JSON.stringify({ fileName: 'a.csv', format: 'csv', target: 'events', content: 'y'.repeat(LARGE_IMPORT_BODY_BYTES + 10) }), viewer);
    expect(reply.status).toBe(403);
    expect(reply.json.error?.code).toBe('forbidden');
    expect(env.engine.imports.list()).toEqual([]);
  });
});
