import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Resolves a URL path inside `root`, or undefined when it would escape it (`..`, encoded or not). */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const target = resolve(base, normalize(`.${sep}${decoded}`));
  return target === base || target.startsWith(base + sep) ? target : undefined;
}

/** Serves the built renderer; unknown paths get index.html so client-side routes survive a reload. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const requested = resolveInside(root, urlPath === '/' ? '/index.html' : urlPath);
  if (requested === undefined) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad path');
    return;
  }
  const file = existsSync(requested) && statSync(requested).isFile() ? requested : join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain' }).end('The console is not built: run `npm run build` first.');
    return;
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  createReadStream(file).pipe(res);
}
