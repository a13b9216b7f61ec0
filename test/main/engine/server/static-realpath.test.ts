/**
 * Issue #16, item 9: the static-file and app:// guard checked the path text, not the real path, so
 * a symbolic link inside the renderer folder served files from anywhere (/etc/passwd).
 * Checked failing before the fix: on the previous commit GET /leak.txt returned the secret file.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../../../src/main/engine/server/http-server';
import { resolveRealFile } from '../../../../src/main/engine/server/static-files';
import { tempEngine } from '../../../helpers/temp-dir';

describe('static files are judged by their real path', () => {
  let env: ReturnType<typeof tempEngine>;
  let server: RunningServer;
  let renderer: string;
  beforeEach(async () => {
    env = tempEngine();
    renderer = join(env.dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<html>console</html>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(env.dir, 'secret.txt'), 'top secret');
    symlinkSync(join(env.dir, 'secret.txt'), join(renderer, 'leak.txt'));
    symlinkSync(env.dir, join(renderer, 'up'));
    symlinkSync(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'));
    server = await startHttpServer(env.engine, { rendererDir: renderer });
  });
  afterEach(async () => {
    await server.close();
    await env.cleanup();
  });

  const get = async (path: string): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${server.token}` } });
    return { status: res.status, text: await res.text() };
  };

  it('refuses a link that leads out of the folder, file or directory', async () => {
    for (const path of ['/leak.txt', '/up/secret.txt']) {
      const res = await get(path);
      expect(res.text).not.toContain('top secret');
      expect(res.status).toBe(404);
    }
    expect(resolveRealFile(renderer, '/leak.txt')).toBe('outside');
  });

  it('still serves real files, links that stay inside, and index.html for client routes', async () => {
    expect((await get('/assets/app.js')).text).toBe('console.log(1)');
    expect((await get('/alias.js')).text).toBe('console.log(1)');
    expect((await get('/sessions/123')).text).toContain('console');
    expect(resolveRealFile(renderer, '/nope.js')).toBe('missing');
  });
});
