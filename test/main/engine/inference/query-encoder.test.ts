/**
 * The query encoder embeds on worker threads of its own (the engine's thread only passes the text),
 * two queries at once on two workers, gives the in-process encoder's vectors bit for bit, starts a
 * new worker when its worker dies, and runs in-process when asked for no workers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServingEncoderWorker } from '../../../../src/main/engine/inference/encoder-pool';
import type { EncoderWorkerConfig, ToEncoderWorker } from '../../../../src/main/engine/inference/encoder-worker-messages';
import { startQueryEncoder } from '../../../../src/main/engine/inference/query-encoder';
import { SentenceEncoder } from '../../../../src/main/engine/inference/sentence-encoder';
import { startEngineWorker } from '../../../../src/main/engine/workers/start-engine-worker';

const root = join(__dirname, '../../../..');
const modelDir = join(root, 'models/text-encoder');
const golden = JSON.parse(readFileSync(join(root, 'test/fixtures/text-encoder/golden-texts.json'), 'utf8')) as { texts: string[] };
const queries = ['running shoes', 'red dress for a summer party', 'bike helmet', ...golden.texts.slice(0, 5)];
const quiet = { info: () => undefined, warn: () => undefined };

describe('query encoder', () => {
  let inProcess: SentenceEncoder;
  beforeAll(async () => {
    inProcess = await SentenceEncoder.load({ modelDir, variant: 'int8', providers: ['cpu'], log: quiet });
  });
  afterAll(async () => {
    await inProcess?.dispose();
  });

  it('embeds each query on a worker thread, two at once on two, with the in-process vectors bit for bit', async () => {
    const configs: EncoderWorkerConfig[] = [];
    const sent: ToEncoderWorker[][] = [];
    const encoder = await startQueryEncoder({
      modelDir,
      providers: ['cpu'],
      log: quiet,
      workers: 2,
      startWorker: (config) => {
        configs.push(config);
        const mine: ToEncoderWorker[] = [];
        sent.push(mine);
        const worker = startServingEncoderWorker(config);
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: ToEncoderWorker, transfer?: Parameters<Worker['postMessage']>[1]) => {
          mine.push(message);
          post(message, transfer);
        };
        return worker;
      },
    });
    const embeds = (): string[][] => sent.flat().flatMap((m) => (m.type === 'embed' ? [m.texts] : []));
    try {
      expect(encoder.workers).toBe(2);
      expect(configs).toHaveLength(2);
      // A query is a few tokens: each query worker runs one intra-op thread, not the session's default.
      expect(configs.map((c) => c.tuning.intraOpThreads)).toEqual([1, 1]);
      expect(configs[0]!.sessionName).toBe('text-encoder-queries');
      for (const query of queries) {
        const vector = await encoder.embedQuery(query);
        expect(Array.from(vector)).toEqual(Array.from(await inProcess.embedQuery(query)));
      }
      // One message a query: a worker did the embedding, not this thread.
      expect(embeds()).toEqual(queries.map((q) => [q]));
      // Two queries asked at once (a misspelt search: as typed and corrected) go to the two workers.
      const before = sent.map((s) => s.length);
      const [typed, corrected] = await Promise.all([encoder.embedQuery('bike helmt'), encoder.embedQuery('bike helmet')]);
      expect(sent.map((s, i) => s.slice(before[i]).filter((m) => m.type === 'embed').length)).toEqual([1, 1]);
      expect(Array.from(typed)).toEqual(Array.from(await inProcess.embedQuery('bike helmt')));
      expect(Array.from(corrected)).toEqual(Array.from(await inProcess.embedQuery('bike helmet')));
      expect(encoder.modelVersion).toBe(inProcess.modelVersion);
      expect(encoder.dimensions).toBe(384);
    } finally {
      await encoder.dispose();
    }
    await expect(encoder.embedQuery('after dispose')).rejects.toThrow(/disposed/);
  });

  it('starts a new worker for the next query when its worker dies', async () => {
    let started = 0;
    const encoder = await startQueryEncoder({
      modelDir,
      providers: ['cpu'],
      log: quiet,
      workers: 1,
      // The first worker dies on 'die now' (test/helpers/dying-encoder-worker.ts); the next is a plain one.
      startWorker: (config) => (started++ === 0 ? startEngineWorker('no-bundle', join(root, 'test/helpers/dying-encoder-worker.ts'), { workerData: config }) : startServingEncoderWorker(config)),
    });
    try {
      await expect(encoder.embedQuery('die now')).rejects.toThrow(/crashed: boom/);
      const [a, b] = await Promise.all([encoder.embedQuery('bike helmet'), encoder.embedQuery('running shoes')]);
      expect(started).toBe(2);
      expect(Array.from(a)).toEqual(Array.from(await inProcess.embedQuery('bike helmet')));
      expect(Array.from(b)).toEqual(Array.from(await inProcess.embedQuery('running shoes')));
      expect(encoder.workers).toBe(1);
    } finally {
      await encoder.dispose();
    }
  });

  it('embeds in-process when asked for no workers', async () => {
    const encoder = await startQueryEncoder({ modelDir, providers: ['cpu'], log: quiet, workers: 0 });
    try {
      expect(encoder.workers).toBe(0);
      expect(Array.from(await encoder.embedQuery('bike helmet'))).toEqual(Array.from(await inProcess.embedQuery('bike helmet')));
    } finally {
      await encoder.dispose();
    }
  });
});
