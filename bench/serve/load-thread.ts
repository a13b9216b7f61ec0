import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HttpLoadOptions, HttpLoadResult } from './http-load';

/** Runs the HTTP load generator on its own thread, so the engine's event loop serves and nothing else. */
export function loadOnThread(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const source = resolve(__dirname, 'http-load.ts');
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: options });
  return new Promise((done, fail) => {
    worker.once('message', (m: { ok: true; result: HttpLoadResult } | { ok: false; message: string }) => {
      void worker.terminate();
      if (m.ok) done(m.result);
      else fail(new Error(m.message));
    });
    worker.once('error', fail);
  });
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
}

export function figuresOf(r: HttpLoadResult): LoadFigures {
  const sorted = Float64Array.from(r.latencies).sort();
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { rps: (sorted.length / r.elapsedMs) * 1000, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, requests: sorted.length, errors: r.errors };
}
