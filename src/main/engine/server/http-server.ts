import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ContractError, HTTP, type RpcEnvelope } from '../../../shared/contract';
import type { Engine } from '../engine';
import type { Principal } from '../users/principal';
import { OWNER } from '../users/principal';
import { hostAllowed, newToken, originAllowed, requestToken, sameToken, tokenCookie, tradeInLocation } from './auth';
import { checkBindHost, checkPublicOrigin } from './bind-host';
import { checkImportBodyOffThread } from '../import/import-body-thread';
import { parseJsonBody, readBody } from './read-body';
import { serveStatic } from './static-files';
import { statusOf } from './status-codes';
import { TopicSocket } from './topic-socket';

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** The built renderer (out/renderer); without it only the API is served. */
  rendererDir?: string;
  /** Open connections at most (HTTP and WebSocket together); more are refused. */
  maxConnections?: number;
  /** Consoles on the push socket at most; more get 503. */
  maxSockets?: number;
  /** A request's headers must arrive within this (slow-header clients are cut off). */
  headersTimeoutMs?: number;
  /** A whole request, body included, must arrive within this. */
  requestTimeoutMs?: number;
  /** Where to listen: 127.0.0.1 unless the engine sits behind a TLS-terminating proxy (docs/TEAM_MODE.md). */
  host?: string;
  /** Acknowledges that a reverse proxy terminates TLS in front of a non-loopback bind. */
  behindTlsProxy?: boolean;
  /** The https origin the proxy serves the console under; its Host and Origin are accepted too. */
  publicOrigin?: string;
  /** How often open WebSockets are checked against revocations made by another process (the CLI). */
  revocationCheckMs?: number;
}

/** Limits a loopback console server needs: a few consoles, scripts and benchmark clients at once. */
export const SERVER_LIMITS = { maxConnections: 256, maxSockets: 32, headersTimeoutMs: 10_000, requestTimeoutMs: 120_000 } as const;

export interface RunningServer {
  url: string;
  /** The URL to open in a browser: it carries the token, which becomes a cookie. */
  consoleUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** `import.text` bodies larger than this are parsed and checked on a worker thread, not the engine's. */
export const LARGE_IMPORT_BODY_BYTES = 256 * 1024;

/**
 * The contract over HTTP + WebSocket, on the loopback address (or behind a TLS proxy), with a token on
 * every request: the engine's own token is the owner (an admin); users' tokens carry their role.
 */
export async function startHttpServer(engine: Engine, options: ServerOptions = {}): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const bindHost = options.host ?? LOOPBACK;
  checkBindHost(bindHost, options.behindTlsProxy ?? false);
  const publicOrigin = options.publicOrigin !== undefined ? checkPublicOrigin(options.publicOrigin) : undefined;
  const topics = new TopicSocket(engine.bus, (userId) => engine.users.isActive(userId), options.revocationCheckMs);
  const stopRevocations = engine.users.onRevoked((userId) => topics.closeUser(userId));

  /** The owner for the engine's token, the user for an active user token, else nobody. */
  function principalOf(given: string | undefined): Principal | undefined {
    if (given === undefined) return undefined;
    if (sameToken(token, given)) return OWNER;
    return engine.users.authenticate(given);
  }
  let port = 0;
  const headersTimeout = options.headersTimeoutMs ?? SERVER_LIMITS.headersTimeoutMs;
  const requestTimeout = options.requestTimeoutMs ?? SERVER_LIMITS.requestTimeoutMs;
  const maxSockets = options.maxSockets ?? SERVER_LIMITS.maxSockets;

  const server: Server = createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[http] request failed:', err);
      if (!res.headersSent) send(res, new ContractError('internal', 'request failed').toEnvelope());
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port, publicOrigin)) {
      send(res, new ContractError('unauthorized', 'Host header must be 127.0.0.1 or localhost with this port (or the --public-url host)').toEnvelope());
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const queryToken = url.searchParams.get(HTTP.tokenQuery);
    if (req.method === 'GET' && queryToken !== null && principalOf(queryToken) !== undefined) {
      // Trade the token in the URL (the owner's or a user's) for a cookie, and drop it from the address bar.
      res.writeHead(302, { 'Set-Cookie': tokenCookie(queryToken, publicOrigin !== undefined), Location: tradeInLocation(url) }).end();
      return;
    }
    const principal = principalOf(requestToken(req));
    if (principal === undefined) {
      send(res, new ContractError('unauthorized', 'missing or wrong token: open the URL the server printed, or send Authorization: Bearer <token>').toEnvelope());
      return;
    }
    if (url.pathname.startsWith(HTTP.rpcPrefix)) {
      if (!originAllowed(req, port, publicOrigin)) {
        send(res, new ContractError('unauthorized', `Origin ${String(req.headers.origin).slice(0, 100)} is not this console`).toEnvelope());
        return;
      }
      await handleRpc(req, res, url.pathname.slice(HTTP.rpcPrefix.length), principal);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, new ContractError('not_found', `${req.method} ${url.pathname}: no such route`).toEnvelope());
      return;
    }
    if (options.rendererDir) serveStatic(options.rendererDir, url.pathname, res, engine.settings.current.imageOrigins);
    else send(res, new ContractError('not_found', 'this server has no console attached').toEnvelope());
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, method: string, principal: Principal): Promise<void> {
    // While more than one RPC is in progress, lists go to a serving worker (recommend-service.ts).
    const answered = engine.recommender.placement.transportRequests.begin();
    res.once('close', answered);
    if (req.method !== 'POST') {
      send(res, new ContractError('bad_request', `${method}: use POST`).toEnvelope());
      return;
    }
    // A JSON content type cannot be sent cross-site without a CORS preflight, which we never grant.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      send(res, new ContractError('bad_request', 'Content-Type must be application/json').toEnvelope());
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, HTTP.maxBodyBytes);
    } catch (err) {
      if (err instanceof ContractError) {
        send(res, err.toEnvelope(), true);
        return;
      }
      throw err;
    }
    let name: string;
    try {
      name = decodeURIComponent(method);
    } catch {
      send(res, new ContractError('bad_request', `method: ${method.slice(0, 100)} is not a valid percent-encoded name`, [{ path: '(method)', message: 'malformed percent-escape' }]).toEnvelope());
      return;
    }
    // Looked up again after the body: a token revoked while it was uploading is refused too.
    const still = principal.kind === 'owner' || engine.users.isActive(principal.userId);
    if (!still) {
      send(res, new ContractError('unauthorized', 'this token was revoked').toEnvelope());
      return;
    }
    const ctx = { transport: 'http', principal } as const;
    if (name === 'import.text' && body.length > LARGE_IMPORT_BODY_BYTES) {
      send(res, await importBody(body, ctx));
      return;
    }
    let input: unknown;
    try {
      input = parseJsonBody(body);
    } catch (err) {
      if (err instanceof ContractError) {
        send(res, err.toEnvelope(), true);
        return;
      }
      throw err;
    }
    send(res, await engine.dispatcher.handle(name, input, ctx));
  }

  /**
   * A large `import.text` body (up to 32 MiB of JSON) is parsed and checked on a worker thread, with
   * the dispatcher's checks and error replies; the content reaches the import's worker as bytes,
   * never as a string on the engine's thread (docs/IMPORT.md).
   */
  async function importBody(body: Buffer, ctx: { transport: 'http'; principal: Principal }): Promise<RpcEnvelope> {
    try {
      // The role first, as the dispatcher does: a viewer learns nothing from the body's checks.
      engine.dispatcher.authorize('import.text', ctx);
    } catch (err) {
      if (err instanceof ContractError) return err.toEnvelope();
      throw err;
    }
    let check: Awaited<ReturnType<typeof checkImportBodyOffThread>>;
    try {
      check = await checkImportBodyOffThread(body);
    } catch (err) {
      console.error('[http] import.text: the body check failed:', err);
      return new ContractError('internal', `import.text: the body could not be checked (${err instanceof Error ? err.message : String(err)})`).toEnvelope();
    }
    if (!check.ok) return check.envelope;
    const { fileName, format, target, content, chars } = check;
    return engine.dispatcher.handleChecked('import.text', { fileName, format, target, content: '' }, { ...ctx, importContent: { bytes: content, chars } });
  }

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', `http://${LOOPBACK}`).pathname;
    const principal = principalOf(requestToken(req));
    if (!hostAllowed(req, port, publicOrigin) || path !== HTTP.websocket || principal === undefined) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    // Exactly the check POST /rpc makes: a page on another origin must not read the live feed.
    if (!originAllowed(req, port, publicOrigin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (topics.clientCount >= maxSockets) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    topics.upgrade(req, socket, head, principal);
  });

  // Counted here rather than with server.maxConnections, so upgraded (WebSocket) sockets count too.
  const maxConnections = options.maxConnections ?? SERVER_LIMITS.maxConnections;
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    if (open.size >= maxConnections) {
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // Local scripts and tests reach a wildcard or LAN bind on loopback too.
  const base = `http://${bindHost.startsWith('127.') || bindHost === 'localhost' ? bindHost : bindHost === '0.0.0.0' || bindHost === '::' ? LOOPBACK : bindHost.includes(':') ? `[${bindHost}]` : bindHost}:${port}`;
  return {
    url: base,
    consoleUrl: `${base}/?${HTTP.tokenQuery}=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        stopRevocations();
        topics.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, envelope: RpcEnvelope, closeAfter = false): void {
  const body = JSON.stringify(envelope);
  // With its length given, the answer goes out in one piece rather than chunked.
  res.writeHead(statusOf(envelope), {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...(closeAfter ? { Connection: 'close' } : {}),
  });
  res.end(body);
}
