import { request } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { checkBindHost, isLoopbackHost } from '../../../../src/main/engine/server/bind-host';
import { startHttpServer, type RunningServer } from '../../../../src/main/engine/server/http-server';
import { REVOKED_CLOSE_CODE } from '../../../../src/main/engine/server/topic-socket';
import { AuditLog, openDatabase } from '../../../../src/main/engine/store';
import { hashToken } from '../../../../src/main/engine/users/user-token';
import { UserStore } from '../../../../src/main/engine/users/user-store';
import { tempEngine } from '../../../helpers/temp-dir';

interface Reply {
  status: number;
  json: { ok: boolean; result?: unknown; error?: { code: string; message: string } };
}

async function rpc(server: RunningServer, token: string, method: string, input: unknown = {}): Promise<Reply> {
  const res = await fetch(`${server.url}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
  return { status: res.status, json: (await res.json()) as Reply['json'] };
}

async function createUser(server: RunningServer, name: string, role: string): Promise<string> {
  const reply = await rpc(server, server.token, 'users.create', { name, role });
  expect(reply.status).toBe(200);
  return (reply.json.result as { token: string }).token;
}

function openSocket(server: RunningServer, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws`, { headers: { Authorization: `Bearer ${token}` } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe('team mode over HTTP and the WebSocket', () => {
  let env: ReturnType<typeof tempEngine>;
  let server: RunningServer;
  beforeEach(async () => {
    env = tempEngine();
    server = await startHttpServer(env.engine, { revocationCheckMs: 100 });
  });
  afterEach(async () => {
    await server.close();
    await env.cleanup();
  });

  it('gives a viewer 403 forbidden on a write and its reads as usual', async () => {
    const viewer = await createUser(server, 'vera', 'viewer');
    const weights = await rpc(server, viewer, 'weights.get');
    expect(weights.status).toBe(200);
    const current = (weights.json.result as { weights: Record<string, number> }).weights;
    const write = await rpc(server, viewer, 'weights.set', { weights: current, note: 'no' });
    expect(write.status).toBe(403);
    expect(write.json.error).toMatchObject({ code: 'forbidden' });
    expect(write.json.error?.message).toContain('weights.set needs the merchandiser role');
    expect((await rpc(server, viewer, 'users.list')).status).toBe(403);
  });

  it('lets a merchandiser save weights, and the audit entry names them', async () => {
    const merch = await createUser(server, 'max', 'merchandiser');
    const current = ((await rpc(server, merch, 'weights.get')).json.result as { weights: Record<string, number> }).weights;
    const saved = await rpc(server, merch, 'weights.set', { weights: current, note: 'team', confirm: { reason: 'test' } });
    expect(saved.status).toBe(200);
    expect((await rpc(server, merch, 'users.create', { name: 'x', role: 'admin' })).status).toBe(403);
    const audit = await rpc(server, server.token, 'audit.list', {});
    const entries = (audit.json.result as { entries: { actor: string; action: string }[] }).entries;
    const weightsEntry = entries.find((e) => e.action.includes('weights'));
    expect(weightsEntry?.actor).toBe('max (console)');
    expect(entries.find((e) => e.action === 'users.create')?.actor).toMatch(/\(console\)$/);
  });

  it('refuses a revoked token at once on HTTP', async () => {
    const viewer = await createUser(server, 'vera', 'viewer');
    expect((await rpc(server, viewer, 'stats.get')).status).toBe(200);
    const revoked = await rpc(server, server.token, 'users.revoke', { name: 'vera' });
    expect(revoked.status).toBe(200);
    expect((revoked.json.result as { revokedAt: number | null }).revokedAt).not.toBeNull();
    const after = await rpc(server, viewer, 'stats.get');
    expect(after.status).toBe(401);
    expect(after.json.error?.code).toBe('unauthorized');
  });

  it('closes an open WebSocket when its token is revoked through the contract', async () => {
    const viewer = await createUser(server, 'vera', 'viewer');
    const other = await createUser(server, 'olga', 'viewer');
    const ws = await openSocket(server, viewer);
    const keep = await openSocket(server, other);
    const end = closed(ws);
    await rpc(server, server.token, 'users.revoke', { name: 'vera' });
    expect(await end).toMatchObject({ code: REVOKED_CLOSE_CODE, reason: 'token revoked' });
    expect(keep.readyState).toBe(WebSocket.OPEN);
    keep.close();
    // Nor can it come back.
    await expect(openSocket(server, viewer)).rejects.toThrow(/401/);
  });

  it('closes an open WebSocket when the CLI revokes its token in another connection to the store', async () => {
    const viewer = await createUser(server, 'vera', 'viewer');
    const ws = await openSocket(server, viewer);
    const end = closed(ws);
    const db = openDatabase(join(env.dir, 'instinct.db'));
    try {
      new UserStore(db, new AuditLog(db)).revoke('vera', 'cli');
    } finally {
      db.close();
    }
    expect((await end).code).toBe(REVOKED_CLOSE_CODE);
  });

  it('trades a user token in ?token= for the cookie, which then carries that user', async () => {
    const viewer = await createUser(server, 'vera', 'viewer');
    const login = await fetch(`${server.url}/?token=${encodeURIComponent(viewer)}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toBe(`instinct_token=${viewer}`);
    const res = await fetch(`${server.url}/rpc/session.whoami`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
    expect(((await res.json()) as { result: unknown }).result).toEqual({ name: 'vera', role: 'viewer', kind: 'user' });
    // One character changed, to one it cannot already be (a token ends in 'x' one time in 64).
    const tampered = `${viewer.slice(0, -1)}${viewer.endsWith('x') ? 'y' : 'x'}`;
    expect(tampered).not.toBe(viewer);
    const wrong = await fetch(`${server.url}/?token=${encodeURIComponent(tampered)}`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
  });

  it('stores only the hash of a token: the raw token is in no file of the store', async () => {
    const token = await createUser(server, 'vera', 'viewer');
    const files = readdirSync(env.dir).filter((f) => f.startsWith('instinct.db'));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(env.dir, f))));
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(token.split('.')[1] ?? 'missing'))).toBe(false);
    expect(bytes.includes(Buffer.from(hashToken(token)))).toBe(true);
  });
});

/** POST stats.get with the given Host and Origin headers (fetch does not let a caller set Host). */
function statusVia(server: RunningServer, host: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/rpc/stats.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, Host: host, Origin: origin } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end('{}');
  });
}

describe('the bind address', () => {
  it('knows loopback from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) expect([host, isLoopbackHost(host)]).toEqual([host, true]);
    for (const host of ['0.0.0.0', '::', '192.168.1.4', 'example.com']) expect([host, isLoopbackHost(host)]).toEqual([host, false]);
  });

  it('refuses a non-loopback bind unless TLS termination by a proxy is acknowledged', async () => {
    expect(() => checkBindHost('0.0.0.0', false)).toThrow(/--behind-tls-proxy/);
    expect(() => checkBindHost('0.0.0.0', true)).not.toThrow();
    const env = tempEngine();
    try {
      await expect(startHttpServer(env.engine, { host: '0.0.0.0' })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0/);
      await expect(startHttpServer(env.engine, { host: '127.0.0.1', publicOrigin: 'http://instinct.example.com' })).rejects.toThrow(/must be https/);
      const server = await startHttpServer(env.engine, { host: '0.0.0.0', behindTlsProxy: true, publicOrigin: 'https://instinct.example.com' });
      try {
        // The proxy forwards the public Host and the browser's Origin: both are this console.
        expect(await statusVia(server, 'instinct.example.com', 'https://instinct.example.com')).toBe(200);
        expect(await statusVia(server, 'evil.example.com', 'https://instinct.example.com')).toBe(401);
        expect(await statusVia(server, 'instinct.example.com', 'https://evil.example.com')).toBe(401);
        const login = await fetch(`${server.url}/?token=${server.token}`, { redirect: 'manual' });
        expect(login.headers.get('set-cookie')).toMatch(/; Secure$/);
      } finally {
        await server.close();
      }
    } finally {
      await env.cleanup();
    }
  });
});
