import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Engine } from '../engine/engine';
import { InsecureBindError } from '../engine/server/bind-host';
import { startHttpServer } from '../engine/server/http-server';
import { type NetworkOptions, UsageError } from './options';

/** The built renderer, relative to the repository (npm scripts run from its root). */
export const RENDERER_DIR = resolve(__dirname, '../../../out/renderer');

/** Runs the engine and the browser-mode console until SIGINT/SIGTERM; `beforeClose` runs first on the way out. */
export async function serve(engine: Engine, port: number, label: string, options: { beforeClose?: () => Promise<void>; network?: NetworkOptions } = {}): Promise<void> {
  if (!existsSync(RENDERER_DIR)) console.warn(`[${label}] no built console at ${RENDERER_DIR}: run \`npm run build\` (the API works without it)`);
  const server = await startHttpServer(engine, { port, rendererDir: RENDERER_DIR, ...options.network }).catch(async (err: unknown) => {
    if (!(err instanceof InsecureBindError)) throw err;
    await engine.close();
    throw new UsageError(err.message);
  });
  // Printed as fixed lines so scripts and tests can read them.
  console.log(`Instinct ${label} ready`);
  console.log(`URL: ${server.consoleUrl}`);
  console.log(`API: ${server.url}/rpc/<method>  (Authorization: Bearer ${server.token})`);
  console.log(`TOKEN: ${server.token}`);
  console.log(`DATA: ${engine.options.dataDir}`);
  const stop = (): void => {
    void (options.beforeClose?.() ?? Promise.resolve())
      .catch((err: unknown) => console.error(`[${label}] shutdown:`, err))
      .then(() => server.close())
      .then(() => engine.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
