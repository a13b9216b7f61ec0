import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { LOWER_THREAD_PRIORITY } from './thread-priority';

export interface EngineWorkerOptions extends WorkerOptions {
  /**
   * 'background' (default: jobs such as embedding and training) runs below the engine's threads;
   * 'serving' (the workers that answer requests) at the engine's own priority.
   */
  priority?: 'background' | 'serving';
}

/**
 * Starts one of the engine's worker-thread entries (electron.vite.config.ts lists them beside
 * `index`): the bundled `<entry>.js` next to the built main process, or the TypeScript `source`
 * through tsx when the engine itself runs from source (CLI, demo, tests, benchmarks).
 */
export function startEngineWorker(entry: string, source: string, options: EngineWorkerOptions = {}): Worker {
  const { priority = 'background', ...workerOptions } = options;
  const prelude = priority === 'background' ? `${LOWER_THREAD_PRIORITY}\n` : '';
  const built = bundledEntry(entry);
  if (built) return prelude ? new Worker(`${prelude}require(${JSON.stringify(built)});`, { ...workerOptions, eval: true }) : new Worker(built, workerOptions);
  return new Worker(`${prelude}require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...workerOptions, eval: true });
}

/**
 * The built entry, if this is a bundle. Code shared by several entries lands in out/main/chunks/,
 * so this module may sit one folder below the entries it looks for.
 */
function bundledEntry(entry: string): string | undefined {
  const dirs = basename(__dirname) === 'chunks' ? [__dirname, dirname(__dirname)] : [__dirname];
  return dirs.map((dir) => join(dir, `${entry}.js`)).find((path) => existsSync(path));
}
