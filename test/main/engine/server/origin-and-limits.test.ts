/**
 * Issue #16, item 3: the WebSocket accepted any Origin (a page on evil.example, another port on
 * 127.0.0.1, or `null`, with the token cookie, got 101 and the live feed), plus the server limits
 * the Build section asks for: a connection cap and header/body timeouts.
 * Checked failing before the fix: on the previous commit every upgrade below got 101, /rpc took any
 * Origin, and a client that never finished its headers was held for Node's default 60 s.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHttpServer, type RunningServer, type ServerOptions } from '../../../../src/main/engine/server/http-server';
import { tempEngine } from '../../../helpers/temp-dir';

let env: ReturnType<typeof tempEngine> | undefined;
let server: RunningServer | undefined;

async function start(options: ServerOptions = {}): Promise<RunningServer> {
  env = tempEngine();
  server = await startHttpServer(env.engine, options);
  return server;
}

afterEach(async () => {
  await server?.close();
  await env?.cleanup();
  server = undefined;
  env = undefined;
});

/** The status line the upgrade gets (101 when the socket opens). */
function upgrade(s: RunningServer, origin: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws`, { headers: { Cookie: `instinct_token=${s.token}`, ...(origin === undefined ? {} : { Origin: origin }) } });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

/** Raw bytes in, the first response (or the close) out. */
function raw(s: RunningServer, write: (socket: Socket) => void): Promise<{ text: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(s.port, '127.0.0.1', () => write(socket));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', () => resolve({ text, ms: performance.now() - started }));
    socket.on('error', () => undefined);
  });
}

describe('the WebSocket checks Origin exactly like /rpc', () => {
  it('accepts our own origin (either loopback name) and clients without an Origin', async () => {
    const s = await start();
    expect(await upgrade(s, `http://127.0.0.1:${s.port}`)).toBe(101);
    expect(await upgrade(s, `http://localhost:${s.port}`)).toBe(101);
    expect(await upgrade(s, undefined)).toBe(101);
  });

  it('refuses another site, another port on 127.0.0.1 and the null origin, on the socket and on /rpc', async () => {
    const s = await start();
    for (const origin of ['http://evil.example', `http://127.0.0.1:${s.port + 1}`, 'null', `https://127.0.0.1:${s.port}`]) {
      expect(await upgrade(s, origin)).toBe(403);
      const res = await fetch(`${s.url}/rpc/stats.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, Origin: origin }, body: '{}' });
      expect(res.status).toBe(401);
    }
    const ours = await fetch(`${s.url}/rpc/stats.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}`, Origin: s.url }, body: '{}' });
    expect(ours.status).toBe(200);
  });
});

describe('server limits', () => {
  it('cuts off a client that never finishes its headers, and one that never finishes its body', async () => {
    const s = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const slowHeaders = await raw(s, (socket) => socket.write(`POST /rpc/stats.get HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n`));
    expect(slowHeaders.text).toMatch(/^HTTP\/1\.1 408/);
    expect(slowHeaders.ms).toBeLessThan(5_000);
    const slowBody = await raw(s, (socket) =>
      socket.write(`POST /rpc/stats.get HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAuthorization: Bearer ${s.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`),
    );
    expect(slowBody.ms).toBeLessThan(5_000);
  });

  it('refuses consoles over the socket cap', async () => {
    const s = await start({ maxSockets: 1 });
    const first = new WebSocket(`ws://127.0.0.1:${s.port}/ws`, { headers: { Authorization: `Bearer ${s.token}` } });
    await new Promise((r) => first.on('open', r));
    expect(await upgrade(s, undefined)).toBe(503);
    first.close();
  });

  it('refuses connections over the cap', async () => {
    const s = await start({ maxConnections: 2 });
    const held: Socket[] = [];
    for (let i = 0; i < 2; i++) held.push(await new Promise<Socket>((r) => { const c = connect(s.port, '127.0.0.1', () => r(c)); }));
    // Let the server accept them before the one over the cap.
    await new Promise((r) => setTimeout(r, 100));
    const over = await raw(s, (socket) => socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`));
    expect(over.text).toBe('');
    for (const c of held) c.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const after = await raw(s, (socket) => socket.end(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`));
    expect(after.text).toMatch(/^HTTP\/1\.1 401/);
  });
});
