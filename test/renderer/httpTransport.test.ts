import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { postRpc, websocketUrl, type FetchLike } from '../../src/renderer/src/transport/httpTransport';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('http transport', () => {
  it('POSTs JSON to /rpc/<method> with the console header and same-origin credentials', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const fetchFn: FetchLike = async (url, init) => {
      seen.push({ url, init });
      return jsonResponse(200, { ok: true, result: { stored: 1 } });
    };
    const envelope = await postRpc(fetchFn, 'http://127.0.0.1:4100', 'catalog.upsert', { items: [] });
    expect(envelope).toEqual({ ok: true, result: { stored: 1 } });
    const request = seen[0];
    expect(request?.url).toBe('http://127.0.0.1:4100/rpc/catalog.upsert');
    expect(request?.init.method).toBe('POST');
    expect(request?.init.credentials).toBe('same-origin');
    expect(request?.init.headers).toMatchObject({ 'X-Instinct-Client': 'console', 'Content-Type': 'application/json' });
    expect(request?.init.body).toBe('{"items":[]}');
  });

  it('returns the error envelope a 4xx reply carries', async () => {
    const body = { ok: false, error: { code: 'bad_request', message: 'limit: too big', issues: [{ path: 'limit', message: 'too big' }] } };
    const envelope = await postRpc(async () => jsonResponse(400, body), 'http://h', 'events.recent', { limit: 5000 });
    expect(envelope).toEqual(body);
  });

  it('turns a reply without an envelope into a ContractError', async () => {
    const html = async (): Promise<Response> => new Response('<html>bad gateway</html>', { status: 502 });
    await expect(postRpc(html, 'http://h', 'stats.get', {})).rejects.toMatchObject({ code: 'internal' });
    const unauth = async (): Promise<Response> => new Response('nope', { status: 401 });
    await expect(postRpc(unauth, 'http://h', 'stats.get', {})).rejects.toMatchObject({ code: 'unauthorized' });
    const wrongShape = async (): Promise<Response> => jsonResponse(200, { result: 1 });
    await expect(postRpc(wrongShape, 'http://h', 'stats.get', {})).rejects.toBeInstanceOf(ContractError);
  });

  it('turns a network failure into a ContractError', async () => {
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(postRpc(down, 'http://h', 'stats.get', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('Failed to fetch') });
  });

  it('derives the WebSocket address from the page origin', () => {
    expect(websocketUrl('http://127.0.0.1:4100')).toBe('ws://127.0.0.1:4100/ws');
    expect(websocketUrl('https://console.example:8443')).toBe('wss://console.example:8443/ws');
  });
});
