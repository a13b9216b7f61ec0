import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractError, HTTP, type RpcEnvelope } from '../../../shared/contract';
import type { Engine } from '../engine';
import { hostAllowed, newToken, requestToken, sameToken, tokenCookie } from './auth';
import { readJsonBody } from './read-body';
import { serveStatic } from './static-files';
import { statusOf } from './status-codes';
import { TopicSocket } from './topic-socket';

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** The built renderer (out/renderer); without it only the API is served. */
  rendererDir?: string;
}

export interface RunningServer {
  url: string;
  /** The URL to open in a browser: it carries the token, which becomes a cookie. */
  consoleUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/** The contract over HTTP + WebSocket, on the loopback address only, with a token on every request. */
export async function startHttpServer(engine: Engine, options: ServerOptions = {}): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const topics = new TopicSocket(engine.bus);
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[http] request failed:', err);
      if (!res.headersSent) send(res, new ContractError('internal', 'request failed').toEnvelope());
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) {
      send(res, new ContractError('unauthorized', 'Host header must be 127.0.0.1 or localhost with this port').toEnvelope());
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const queryToken = url.searchParams.get(HTTP.tokenQuery);
    if (req.method === 'GET' && queryToken !== null && sameToken(token, queryToken)) {
      // Trade the token in the URL for a cookie, and drop it from the address bar.
      url.searchParams.delete(HTTP.tokenQuery);
      res.writeHead(302, { 'Set-Cookie': tokenCookie(token), Location: url.pathname + url.search }).end();
      return;
    }
    if (!sameToken(token, requestToken(req))) {
      send(res, new ContractError('unauthorized', 'missing or wrong token: open the URL the server printed, or send Authorization: Bearer <token>').toEnvelope());
      return;
    }
    if (url.pathname.startsWith(HTTP.rpcPrefix)) {
      await handleRpc(req, res, url.pathname.slice(HTTP.rpcPrefix.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, new ContractError('not_found', `${req.method} ${url.pathname}: no such route`).toEnvelope());
      return;
    }
    if (options.rendererDir) serveStatic(options.rendererDir, url.pathname, res);
    else send(res, new ContractError('not_found', 'this server has no console attached').toEnvelope());
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      send(res, new ContractError('bad_request', `${method}: use POST`).toEnvelope());
      return;
    }
    // A JSON content type cannot be sent cross-site without a CORS preflight, which we never grant.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      send(res, new ContractError('bad_request', 'Content-Type must be application/json').toEnvelope());
      return;
    }
    let input: unknown;
    try {
      input = await readJsonBody(req, HTTP.maxBodyBytes);
    } catch (err) {
      if (err instanceof ContractError) {
        send(res, err.toEnvelope(), true);
        return;
      }
      throw err;
    }
    send(res, await engine.dispatcher.handle(decodeURIComponent(method), input, { transport: 'http' }));
  }

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
    if (!hostAllowed(req, port) || path !== HTTP.websocket || !sameToken(token, requestToken(req))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    topics.upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://${LOOPBACK}:${port}`;
  return {
    url: base,
    consoleUrl: `${base}/?${HTTP.tokenQuery}=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        topics.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, envelope: RpcEnvelope, closeAfter = false): void {
  res.writeHead(statusOf(envelope), {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(closeAfter ? { Connection: 'close' } : {}),
  });
  res.end(JSON.stringify(envelope));
}
