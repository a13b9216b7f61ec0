import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHttpServer, type RunningServer } from '../../../../src/main/engine/server/http-server';
import { tempEngine } from '../../../helpers/temp-dir';

async function post(server: RunningServer, method: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: { ok: boolean; error?: { code: string; message: string; issues?: { path: string }[] }; result?: unknown } }> {
  const res = await fetch(`${server.url}/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...headers },
    body,
  });
  return { status: res.status, json: (await res.json()) as never };
}

describe('HTTP + WebSocket transport', () => {
  let env: ReturnType<typeof tempEngine>;
  let server: RunningServer;
  beforeEach(async () => {
    env = tempEngine();
    const renderer = join(env.dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<html>console</html>');
    writeFileSync(join(env.dir, 'secret.txt'), 'secret');
    server = await startHttpServer(env.engine, { rendererDir: renderer });
  });
  afterEach(async () => {
    await server.close();
    await env.cleanup();
  });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('ingests events with the token and answers with ids', async () => {
    const { status, json } = await post(server, 'events.ingest', JSON.stringify({ events: [{ id: 'h1', type: 'view', shopperId: 'u1', itemId: 'P1' }] }));
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, result: { stored: 1, duplicates: 0, ids: ['h1'] } });
  });

  it('refuses a missing or wrong token on API, pages and the socket', async () => {
    expect((await post(server, 'stats.get', '{}', { Authorization: '' })).status).toBe(401);
    expect((await post(server, 'stats.get', '{}', { Authorization: 'Bearer wrong' })).json.error?.code).toBe('unauthorized');
    expect((await fetch(`${server.url}/`)).status).toBe(401);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/rpc/stats.get', method: 'POST', headers: { Host: 'evil.example:80', Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(401);
  });

  it('answers bad JSON, bad content type, unknown methods and oversized bodies with structured errors', async () => {
    const badJson = await post(server, 'events.ingest', '{"events": [');
    expect(badJson.status).toBe(400);
    expect(badJson.json.error?.message).toMatch(/body: not valid JSON/);
    expect((await post(server, 'stats.get', '{}', { 'Content-Type': 'text/plain' })).status).toBe(400);
    expect((await post(server, 'no.such', '{}')).status).toBe(404);
    const huge = JSON.stringify({ events: [{ type: 'view', shopperId: 'u', itemId: 'a', context: { pad: 'x'.repeat(41 * 1024 * 1024) } }] });
    const tooBig = await post(server, 'events.ingest', huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error?.code).toBe('too_large');
    const mistyped = await post(server, 'events.ingest', JSON.stringify({ events: [{ type: 'view', shopperId: 7, itemId: 'a' }] }));
    expect(mistyped.json.error?.issues?.[0]?.path).toBe('events.0.shopperId');
  });

  it('trades the URL token for a cookie, serves the console with a CSP, and never leaves its folder', async () => {
    const first = await fetch(server.consoleUrl, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${server.url}/`, { headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(await page.text()).toContain('console');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${server.url}/..%2fsecret.txt`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(await escape.text()).not.toContain('secret');
  });

  it('the token trade-in redirects only to a path on this origin, without the token', async () => {
    // Sent raw: fetch would normalise the path before sending it. On the previous commit the first
    // answered `Location: //evil.example/x?a=1`, a protocol-relative address on another site.
    const locationOf = (path: string): Promise<string | undefined> =>
      new Promise((resolve, reject) => {
        request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
          res.resume();
          expect(res.statusCode).toBe(302);
          resolve(res.headers.location);
        })
          .on('error', reject)
          .end();
      });
    const token = encodeURIComponent(server.token);
    expect(await locationOf(`/.//evil.example/x?token=${token}&a=1`)).toBe('/evil.example/x?a=1');
    expect(await locationOf(`/./\\/evil.example?token=${token}`)).toBe('/evil.example');
    expect(await locationOf(`/rules?a=1&token=${token}`)).toBe('/rules?a=1');
    expect(await locationOf(`/?token=${token}`)).toBe('/');
  });

  it('allows product images from the hosts the settings allow, from the next page load on', async () => {
    const policy = async (): Promise<string> => (await fetch(`${server.url}/`, { headers: { Authorization: `Bearer ${server.token}` } })).headers.get('content-security-policy') ?? '';
    const imgSrc = (p: string): string | undefined => p.split('; ').find((d) => d.startsWith('img-src'));
    expect(imgSrc(await policy())).toBe("img-src 'self' data:");
    const saved = await post(server, 'settings.set', JSON.stringify({ imageOrigins: ['https://cdn.example.com', 'https://*.shop.example'] }));
    expect(saved.status).toBe(200);
    expect(imgSrc(await policy())).toBe("img-src 'self' data: https://cdn.example.com https://*.shop.example");
    // Anything that is not one image host is a 400 naming the entry, and the policy stays as it was.
    const bad = await post(server, 'settings.set', JSON.stringify({ imageOrigins: ["https://cdn.example.com; script-src 'unsafe-inline'"] }));
    expect(bad.status).toBe(400);
    expect(bad.json.error?.issues?.[0]?.path).toBe('imageOrigins.0');
    expect(imgSrc(await policy())).toBe("img-src 'self' data: https://cdn.example.com https://*.shop.example");
  });

  it('pushes ingested events to an authorised socket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: { Authorization: `Bearer ${server.token}` } });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const received = new Promise<{ topic: string; payload: { id: string }[] }>((resolve) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { topic: string; payload: { id: string }[] };
        if (msg.topic === 'events.ingested') resolve(msg);
      });
    });
    await post(server, 'events.ingest', JSON.stringify({ events: [{ id: 'pushed', type: 'search', shopperId: 'u1', query: 'tea' }] }));
    expect((await received).payload.map((e) => e.id)).toEqual(['pushed']);
    ws.close();
  });

  it('counts the RPCs in progress for the serving choice: two while one waits for its body, none once both are answered', async () => {
    const requests = env.engine.recommender.placement.transportRequests;
    let most = 0;
    const begin = requests.begin.bind(requests);
    requests.begin = () => {
      const end = begin();
      most = Math.max(most, requests.count);
      return end;
    };
    // One client sends its headers and half its body, and waits.
    const body = JSON.stringify({ shopperId: 'slow', k: 5 });
    const { port } = new URL(server.url);
    const slow = new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(port), path: '/rpc/recommend', method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${server.token}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 150);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Another client's request arrives meanwhile.
    expect((await post(server, 'recommend', JSON.stringify({ shopperId: 'quick', k: 5 }))).status).toBe(200);
    expect(most).toBe(2);
    expect(await slow).toBe(200);
    // A refused request ends too (its reply closes it).
    expect((await post(server, 'recommend', '{not json')).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests.count).toBe(0);
  });
});
