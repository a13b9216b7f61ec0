import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';
import { securityHeaders } from './csp';

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

/**
 * The file a URL path names inside `root`, judged by where it really is: the text check above, then
 * the real path (symbolic links resolved) must still lie inside the real root. 'missing' when no such
 * file exists, 'outside' when the path or a link in it leads out.
 */
export function resolveRealFile(root: string, urlPath: string): { file: string } | 'missing' | 'outside' {
  const target = resolveInside(root, urlPath);
  if (target === undefined) return 'outside';
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(target);
    realRoot = realpathSync(root);
  } catch {
    return 'missing';
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return 'outside';
  return statSync(real).isFile() ? { file: real } : 'missing';
}

/**
 * Serves the built renderer; unknown paths get index.html so client-side routes survive a reload.
 * `imageOrigins`: the hosts the settings allow product images from, for the content security policy.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, imageOrigins: readonly string[] = []): void {
  const requested = resolveRealFile(root, urlPath === '/' ? '/index.html' : urlPath);
  if (requested === 'outside') {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const fallback = resolveRealFile(root, '/index.html');
  const file = requested !== 'missing' ? requested.file : fallback !== 'missing' && fallback !== 'outside' ? fallback.file : undefined;
  if (file === undefined) {
    res.writeHead(503, { 'Content-Type': 'text/plain' }).end('The console is not built: run `npm run build` first.');
    return;
  }
  res.writeHead(200, { ...securityHeaders(imageOrigins), 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  createReadStream(file).pipe(res);
}
