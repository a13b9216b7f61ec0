/**
 * The encoder pool gives the in-process encoder's vectors in the caller's order, falls back to
 * the calling thread when it must, fails with the same clear errors, survives a dead worker,
 * stops handing out chunks when aborted, and leaves no thread behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEncoderPool, startEncoderWorker, type BulkEncoder } from '../../../../src/main/engine/inference/encoder-pool';
import type { EncoderWorkerConfig } from '../../../../src/main/engine/inference/encoder-worker-messages';
import { EncoderWorkerError, ModelFileError } from '../../../../src/main/engine/inference/errors';
import { cosine } from '../../../../src/main/engine/inference/pooling';
import { SentenceEncoder } from '../../../../src/main/engine/inference/sentence-encoder';
import { startEngineWorker } from '../../../../src/main/engine/workers/start-engine-worker';
import { fakeModelDir } from '../../../helpers/fake-model-dir';

const root = join(__dirname, '../../../..');
const modelDir = join(root, 'models/text-encoder');
const golden = JSON.parse(readFileSync(join(root, 'test/fixtures/text-encoder/golden-texts.json'), 'utf8')) as { texts: string[] };
// A few dozen titles and queries plus the empty string and the 590-token text (truncated at 256).
const texts = [...golden.texts.slice(0, 36), golden.texts[92]!, golden.texts[104]!, ...golden.texts.slice(60, 66)];
const quiet = { info: () => undefined, warn: () => undefined };
/** What test/helpers/dying-encoder-worker.ts dies on. */
const DIE_TEXT = 'die now';

/** Starts real workers and remembers them, and how many chunks each was sent. */
function watchedWorkers() {
  const workers: Worker[] = [];
  let chunksSent = 0;
  const startWorker = (config: EncoderWorkerConfig): Worker => {
    const worker = startEncoderWorker(config);
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: unknown, transfer?: Parameters<Worker['postMessage']>[1]) => {
      chunksSent++;
      post(message, transfer);
    };
    workers.push(worker);
    return worker;
  };
  const exited = (w: Worker) => new Promise<void>((resolve) => (w.threadId === -1 ? resolve() : w.once('exit', () => resolve())));
  return { workers, startWorker, sent: () => chunksSent, exited };
}

describe('encoder pool', () => {
  const watched = watchedWorkers();
  let pool: BulkEncoder;
  let inProcess: SentenceEncoder;
  // fp32: int8 quantises activations per batch, so its vectors shift (cosine ~0.97-1) with their
  // batch mates, and the pool's chunks (cut by character length) differ from in-process batches.
  beforeAll(async () => {
    [pool, inProcess] = await Promise.all([
      startEncoderPool({ modelDir, variant: 'fp32', providers: ['cpu'], workers: 2, log: quiet, startWorker: watched.startWorker }),
      SentenceEncoder.load({ modelDir, variant: 'fp32', providers: ['cpu'], tuning: { intraOpThreads: 1 }, log: quiet }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([pool?.dispose(), inProcess?.dispose()]);
  });

  it("gives the in-process encoder's vectors, in the caller's order", async () => {
    expect(pool).toMatchObject({ workers: 2, usable: true, provider: 'cpu', dimensions: 384, modelVersion: inProcess.modelVersion });
    const [pooled, local] = await Promise.all([pool.embed(texts), inProcess.embed(texts)]);
    expect(pooled).toHaveLength(texts.length);
    const cosines = pooled.map((v, i) => cosine(v, local[i]!));
    expect(Math.min(...cosines)).toBeGreaterThanOrEqual(0.99999);
    expect(await pool.embed([])).toEqual([]);
  });

  it('stops handing out chunks once the signal aborts, and stays usable', async () => {
    const many = Array.from({ length: 400 }, (_, i) => `${texts[i % texts.length]} ${i}`);
    const before = watched.sent();
    const controller = new AbortController();
    const pending = pool.embed(many, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    // The next call queues behind the two chunks already running; nothing of the aborted call follows.
    expect(await pool.embed(['after the abort'])).toHaveLength(1);
    expect(watched.sent() - before).toBe(3);
  });

  it('dispose terminates every worker and fails what is pending', async () => {
    const pending = expect(pool.embed(texts)).rejects.toThrow(/disposed/);
    await pool.dispose();
    await pending;
    await Promise.all(watched.workers.map(watched.exited));
    expect(pool.usable).toBe(false);
  });
});

describe('encoder pool failures', () => {
  it('a missing model file fails as SentenceEncoder.load does, naming the file', async () => {
    // (A corrupt file takes the same path: ModelFileError, rebuilt from the worker's report.)
    const fake = fakeModelDir();
    try {
      fake.remove();
      const options = { modelDir: fake.dir, variant: 'int8' as const, providers: ['cpu' as const], log: quiet };
      const direct = await SentenceEncoder.load(options).catch((e: unknown) => e);
      const pooled = await startEncoderPool({ ...options, workers: 2 }).catch((e: unknown) => e);
      expect(pooled).toBeInstanceOf(ModelFileError);
      expect(pooled).toMatchObject({ file: fake.modelFile, problem: 'missing' });
      expect((pooled as Error).message).toBe((direct as Error).message);
    } finally {
      fake.cleanup();
    }
  });

  it('a worker that dies mid-run rejects that call, naming the worker; the pool goes on, then says when it cannot', async () => {
    const warnings: string[] = [];
    const pool = await startEncoderPool({
      modelDir,
      providers: ['cpu'],
      workers: 2,
      log: { info: () => undefined, warn: (m) => warnings.push(m) },
      startWorker: (config) => startEngineWorker('no-bundle', join(root, 'test/helpers/dying-encoder-worker.ts'), { workerData: config }),
    });
    try {
      const err = await pool.embed([...texts, DIE_TEXT]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EncoderWorkerError);
      expect((err as Error).message).toMatch(/^text encoder worker [12] crashed: boom while embedding$/);
      expect(pool.workers).toBe(1);
      expect(pool.usable).toBe(true);
      const after = await pool.embed(texts.slice(0, 3));
      expect(after).toHaveLength(3);

      await expect(pool.embed([DIE_TEXT])).rejects.toThrow(EncoderWorkerError);
      expect(pool.usable).toBe(false);
      await expect(pool.embed(['x'])).rejects.toThrow(/no live workers \(worker [12] crashed: boom; worker [12] crashed: boom\)/);
      expect(warnings.at(-1)).toMatch(/crashed: boom; 0 worker\(s\) left/);
    } finally {
      await pool.dispose();
    }
  });

  it('goes on with the workers that started, with a warning for the others', async () => {
    const warnings: string[] = [];
    let started = 0;
    const pool = await startEncoderPool({
      modelDir,
      providers: ['cpu'],
      workers: 2,
      log: { info: () => undefined, warn: (m) => warnings.push(m) },
      startWorker: (config) => (started++ === 0 ? new Worker("throw new Error('no room')", { eval: true }) : startEncoderWorker(config)),
    });
    try {
      expect(pool.workers).toBe(1);
      expect(warnings).toEqual(['text encoder worker 1 did not start: crashed: no room; the pool goes on with 1 worker(s)']);
      expect(await pool.embed(texts.slice(0, 5))).toHaveLength(5);
    } finally {
      await pool.dispose();
    }
  });

  it('embeds on the calling thread, with a warning, for zero workers or when workers cannot start', async () => {
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (m: string) => warnings.push(m) };
    const single = await startEncoderPool({ modelDir, providers: ['cpu'], workers: 0, log });
    const broken = await startEncoderPool({
      modelDir,
      providers: ['cpu'],
      workers: 2,
      log,
      startWorker: () => new Worker("throw new Error('no worker threads here')", { eval: true }),
    });
    try {
      expect(single.workers).toBe(0);
      expect(broken.workers).toBe(0);
      expect(warnings[0]).toMatch(/pool of 0 workers: embedding on the calling thread/);
      expect(warnings[1]).toMatch(/text encoder worker \d did not start: crashed: no worker threads here; embedding on the calling thread/);
      const [a, b] = await Promise.all([single.embed(texts.slice(0, 4)), broken.embed(texts.slice(0, 4))]);
      expect(a.map((v, i) => cosine(v, b[i]!))).toEqual([1, 1, 1, 1].map(() => expect.closeTo(1, 6)));
    } finally {
      await Promise.all([single.dispose(), broken.dispose()]);
    }
  });
});
