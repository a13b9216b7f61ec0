import { isIP } from 'node:net';

/** Whether a bind address only listens on this machine. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export class InsecureBindError extends Error {}

/**
 * The engine speaks plain HTTP and tokens travel in its requests: anywhere but loopback it must sit
 * behind a reverse proxy that terminates TLS, and whoever starts it says so (`--behind-tls-proxy`).
 */
export function checkBindHost(host: string, behindTlsProxy: boolean): void {
  if (isLoopbackHost(host) || behindTlsProxy) return;
  throw new InsecureBindError(
    `refusing to listen on ${host}: the engine speaks plain HTTP, so tokens would cross the network in clear text. ` +
      'Put it behind a reverse proxy that terminates TLS and pass --behind-tls-proxy (docs/TEAM_MODE.md), or bind 127.0.0.1',
  );
}

/** A public console origin must be https: the proxy terminates TLS there. */
export function checkPublicOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new InsecureBindError(`--public-url ${origin}: not a URL`);
  }
  if (url.protocol !== 'https:') throw new InsecureBindError(`--public-url ${origin}: must be https (the reverse proxy terminates TLS)`);
  return url.origin;
}
