import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { securityHeaders } from '../engine/server/csp';
import { resolveRealFile } from '../engine/server/static-files';
import { APP_HOST } from './navigation-policy';

/** Must run before app 'ready': app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer from `root` under app://console/, by real path: a path that escapes the
 * folder, by `..` or through a symbolic link, is refused like a missing file. `imageOrigins`: the
 * hosts the settings allow product images from now (the policy of each page load).
 */
export function serveRenderer(root: string, imageOrigins: () => readonly string[]): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const found = url.host === APP_HOST ? resolveRealFile(root, url.pathname === '/' ? '/index.html' : url.pathname) : 'outside';
    if (typeof found === 'string') return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(found.file).toString());
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(securityHeaders(imageOrigins()))) headers.set(k, v);
    return new Response(response.body, { status: response.status, headers });
  });
}
