/**
 * The background work a serving benchmark runs recommend load against: an import of new shoppers'
 * events (import.text, streamed in slices on the engine's thread), a catalogue embedding job (the
 * fp32 encoder, so no vector is cached and the pool works the whole window) and a fine-tune job
 * (the tests' small model). Each is started, awaited until it works, and stopped after the window.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Engine } from '../../src/main/engine/engine';
import { generateCatalog, generateShopperEvents } from '../../src/main/engine/demo';
import type { Job } from '../../src/shared/contract';

export interface RunningJob {
  readonly name: 'import' | 'embedding' | 'finetune';
  /** The longest the engine's event loop stood still while the job started (reading its data, loading its workers), ms. */
  readonly startStallMs: number;
  /** Stops the job (cancel) and waits for it to end; returns what it got done, in words. */
  stop(): Promise<string>;
}

/** New shoppers' events as JSONL (ids left to the engine, so every run stores them all). */
export function importText(count: number, shoppers: number, stamp: string): string {
  const catalog = generateCatalog({ seed: 42, count });
  const events = generateShopperEvents({ seed: 7, catalog, shoppers, startTs: Date.now() - 2 * 86_400_000, days: 2 });
  return events.map((e) => JSON.stringify({ ...e, id: undefined, shopperId: `imp-${stamp}-${e.shopperId}`, sessionId: undefined })).join('\n');
}

export async function startImport(engine: Engine, content: string): Promise<RunningJob> {
  const rows = content.split('\n').length;
  const stall = stallMeter();
  const report = engine.dispatcher.call('import.text', { fileName: 'serve-bench.jsonl', format: 'jsonl', target: 'events', content });
  await until(() => engine.imports.list().some((t) => t.status === 'running'), 30_000);
  return {
    name: 'import',
    startStallMs: stall(),
    stop: async () => {
      const running = engine.imports.list().find((t) => t.status === 'running');
      if (running) await engine.dispatcher.call('import.cancel', { importId: running.importId });
      const done = await report;
      return `${done.stored} of ${rows} rows stored${done.cancelled ? ' (cancelled at the end of the window)' : ''}`;
    },
  };
}

export async function startEmbedding(engine: Engine): Promise<RunningJob> {
  const stall = stallMeter();
  const job = await engine.dispatcher.call('embeddings.start', { variant: 'fp32' });
  // The pool loads its sessions first: the window starts once batches are being embedded.
  await until(() => progressed(engine, job), 120_000);
  return { name: 'embedding', startStallMs: stall(), stop: () => stopJob(engine, job, 'items embedded') };
}

export async function startFineTune(engine: Engine): Promise<RunningJob> {
  const stall = stallMeter();
  const job = await engine.dispatcher.call('finetune.start', { epochs: 3, config: 'defaults' });
  // Reading the training data comes first (its stall is reported apart); the window starts once the members train.
  await until(() => progressed(engine, job), 180_000);
  return { name: 'finetune', startStallMs: stall(), stop: () => stopJob(engine, job, 'steps') };
}

/** Starts watching the event loop; the returned function stops and gives the longest delay seen (ms). */
function stallMeter(): () => number {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  return () => {
    h.disable();
    return Math.round(h.max / 1e6);
  };
}

function progressed(engine: Engine, job: Job): boolean {
  const now = engine.jobs.get(job.jobId);
  return now !== undefined && (now.status !== 'running' || (now.progress?.done ?? 0) > 0);
}

async function stopJob(engine: Engine, job: Job, unit: string): Promise<string> {
  const before = engine.jobs.get(job.jobId);
  if (before?.status === 'running') await engine.dispatcher.call('jobs.cancel', { jobId: job.jobId });
  const end = await engine.jobs.wait(job.jobId);
  return `${end.progress?.done ?? 0} of ${end.progress?.total ?? '?'} ${unit}, ${end.status}`;
}

async function until(test: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`gave up waiting after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
