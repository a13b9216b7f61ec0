import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HTTP } from '../../../shared/contract';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === HTTP.tokenCookie) return rest.join('=');
  }
  return undefined;
}

/** The token a request carries: `Authorization: Bearer`, else the console's cookie. */
export function requestToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return cookieToken(req);
}

/**
 * Only our own origin may talk to us: a page on another site could otherwise reach 127.0.0.1
 * through DNS rebinding. The Host header must name the loopback address and our port.
 */
export function hostAllowed(req: IncomingMessage, port: number, publicOrigin?: string): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || (publicOrigin !== undefined && host === new URL(publicOrigin).host);
}

/**
 * The origins of this console: the page the server itself serves, by either loopback name, and
 * the public https origin a TLS reverse proxy serves it under (docs/TEAM_MODE.md).
 */
export function allowedOrigins(port: number, publicOrigin?: string): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...(publicOrigin !== undefined ? [new URL(publicOrigin).origin] : [])];
}

/**
 * The same check for POST /rpc and the WebSocket upgrade: a browser always names the page's origin,
 * and only our own console's may talk to us (not another site, not another port on 127.0.0.1, not
 * `null` from a sandboxed frame or a file). Clients that are not browsers (the CLI, scripts) send no
 * Origin and are held to the token alone.
 */
export function originAllowed(req: IncomingMessage, port: number, publicOrigin?: string): boolean {
  const origin = req.headers.origin;
  return origin === undefined || allowedOrigins(port, publicOrigin).includes(origin);
}

/** The console's cookie; `Secure` when the console is served over https (behind a TLS proxy). */
export function tokenCookie(token: string, secure = false): string {
  return `${HTTP.tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

/**
 * Where the token trade-in sends the browser: the same path on this origin, without the token. Leading
 * slashes collapse to one, because `//evil.example/x` (what `/.//evil.example/x` parses to) is a
 * protocol-relative address on another site: the redirect would carry a fresh login cookie away with it.
 */
export function tradeInLocation(url: URL): string {
  const rest = new URL(url.href);
  rest.searchParams.delete(HTTP.tokenQuery);
  // The URL parser already turned backslashes into slashes; any mix left at the start is one slash.
  return `${rest.pathname.replace(/^[/\\]+/, '/')}${rest.search}`;
}
