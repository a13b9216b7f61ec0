import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../../src/shared/contract';
import { generateCatalog } from '../../../../src/main/engine/demo';
import { Engine } from '../../../../src/main/engine/engine';
import { tempDir, tempEngine } from '../../../helpers/temp-dir';

describe('catalogue embedding job', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('embeds every item once, streams progress, and re-embeds only changed items', async () => {
    const items = generateCatalog({ seed: 7, count: 40 });
    env.engine.catalog.upsertItems(items);
    const seen: Job[] = [];
    env.engine.bus.subscribe('jobs.progress', (j) => seen.push(j));
    const started = await env.engine.dispatcher.call('embeddings.start', {});
    const done = await env.engine.jobs.wait(started.jobId);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ total: 40, embedded: 40, skipped: 0 });
    const version = String(done.result?.modelVersion);
    expect(env.engine.vectors.count(version)).toBe(40);
    expect(seen.at(-1)?.status).toBe('succeeded');
    expect(seen.some((j) => j.progress !== null && j.progress.total === 40)).toBe(true);
    expect(env.engine.info().textModel).toMatchObject({ provider: 'cpu', dimensions: 384 });

    env.engine.catalog.upsertItems([{ ...items[0]!, title: `${items[0]!.title} (new edition)` }, { ...items[1]!, price: 1 }]);
    const again = await env.engine.jobs.wait(env.engine.embeddings.start().jobId);
    // A title change re-embeds; a price change does not.
    expect(again.result).toMatchObject({ embedded: 1, skipped: 39 });
    const listed = await env.engine.dispatcher.call('jobs.list', { kind: 'embed-catalogue' });
    expect(listed.map((j) => j.jobId)).toEqual([again.jobId, started.jobId]);
  });

  it('a cancelled job ends as cancelled and keeps the chunks it finished', async () => {
    env.engine.catalog.upsertItems(generateCatalog({ seed: 8, count: 300 }));
    const job = env.engine.embeddings.start();
    await new Promise<void>((resolve) => {
      const off = env.engine.bus.subscribe('jobs.progress', (j) => {
        if ((j.progress?.done ?? 0) > 0) {
          off();
          resolve();
        }
      });
    });
    await env.engine.dispatcher.call('jobs.cancel', { jobId: job.jobId });
    const end = await env.engine.jobs.wait(job.jobId);
    expect(end.status).toBe('cancelled');
    expect(end.error).toBeNull();
  });
});

describe('text model errors', () => {
  it('a missing model folder fails the job with a message naming the file, and the engine keeps serving', async () => {
    const t = tempDir();
    const engine = new Engine({ dataDir: t.dir, textModelDir: `${t.dir}/no-model-here` });
    try {
      engine.catalog.upsertItems(generateCatalog({ seed: 1, count: 3 }));
      const job = await engine.jobs.wait(engine.embeddings.start().jobId);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/manifest\.json/);
      expect(engine.info().textModelError).toMatch(/manifest\.json/);
      expect((await engine.dispatcher.call('stats.get', {})).items).toBe(3);
    } finally {
      await engine.close();
      t.cleanup();
    }
  });

  it('a job left running by a crash is marked failed at the next start', async () => {
    const t = tempDir();
    const first = new Engine({ dataDir: t.dir });
    first.catalog.upsertItems(generateCatalog({ seed: 2, count: 300 }));
    const job = first.embeddings.start();
    // Simulate a crash: the row says running, and no process is left to finish it.
    const second = new Engine({ dataDir: t.dir });
    try {
      const stored = await second.dispatcher.call('jobs.get', { jobId: job.jobId });
      expect(stored.status).toBe('failed');
      expect(stored.error).toMatch(/interrupted/);
    } finally {
      await second.close();
      await first.close();
      t.cleanup();
    }
  });
});
