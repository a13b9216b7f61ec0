import { describe, expect, it } from 'vitest';
import { InMemoryEmbeddingCache } from '../../../../src/main/engine/inference/embedding-cache';
import {
  runEmbeddingJob,
  type EmbeddingJobProgress,
  type ItemEmbedder,
  type JobItem,
} from '../../../../src/main/engine/inference/embedding-job';
import { contentHash, itemText } from '../../../../src/main/engine/inference/item-text';

/** Deterministic stand-in for the encoder: records what it was asked to embed. */
function fakeEncoder(modelVersion = 'm@1:int8', onCall?: () => void) {
  const calls: string[][] = [];
  const encoder: ItemEmbedder = {
    modelVersion,
    embed: async (texts) => {
      calls.push([...texts]);
      onCall?.();
      return texts.map((t) => Float32Array.from([t.length, 1]));
    },
  };
  return { encoder, calls };
}

const items = (n: number): JobItem[] =>
  Array.from({ length: n }, (_, i) => ({ itemId: `i${i}`, title: `Item number ${i}`, brand: i % 2 ? 'Acme' : undefined }));

describe('itemText', () => {
  it('joins title, brand, category and sorted attributes', () => {
    const text = itemText({
      title: ' Rose Face Cream ',
      brand: 'Acme',
      category: 'Beauty > Skin Care',
      attributes: { size: '50 ml', color: 'rose', vegan: true, count: 2 },
    });
    expect(text).toBe('Rose Face Cream | brand: Acme | category: Beauty > Skin Care | color: rose, count: 2, size: 50 ml, vegan: yes');
  });

  it('hashes the same content the same way regardless of attribute order', () => {
    const a = itemText({ title: 't', attributes: { a: 1, b: 2 } });
    const b = itemText({ title: 't', attributes: { b: 2, a: 1 } });
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash(itemText({ title: 't', attributes: { a: 1, b: 3 } })));
  });
});

describe('runEmbeddingJob', () => {
  it('embeds everything once, then skips items whose text and model version are cached', async () => {
    const cache = new InMemoryEmbeddingCache();
    const first = fakeEncoder();
    const r1 = await runEmbeddingJob({ items: items(10), encoder: first.encoder, cache, chunkSize: 4 });
    expect(r1).toMatchObject({ total: 10, skipped: 0, embedded: 10 });
    expect(first.calls.map((c) => c.length)).toEqual([4, 4, 2]);
    expect(cache.vector('i3', 'm@1:int8')).toBeInstanceOf(Float32Array);

    const changed = items(10);
    changed[2] = { ...changed[2]!, title: 'A new title' };
    const second = fakeEncoder();
    const r2 = await runEmbeddingJob({ items: changed, encoder: second.encoder, cache });
    expect(r2).toMatchObject({ skipped: 9, embedded: 1 });
    expect(second.calls).toEqual([[itemText(changed[2]!)]]);

    const otherModel = fakeEncoder('m@2:int8');
    const r3 = await runEmbeddingJob({ items: changed, encoder: otherModel.encoder, cache });
    expect(r3.embedded).toBe(10);
  });

  it('reports progress with rate and ETA', async () => {
    let clock = 0;
    const { encoder } = fakeEncoder('m');
    // Each chunk "takes" a second, counted when it is stored (the job embeds one chunk ahead).
    const cache = new InMemoryEmbeddingCache();
    const put = cache.put.bind(cache);
    cache.put = (rows) => {
      clock += 1000;
      put(rows);
    };
    const seen: EmbeddingJobProgress[] = [];
    await runEmbeddingJob({
      items: items(6), encoder, cache, chunkSize: 2,
      now: () => clock, onProgress: (p) => seen.push(p),
    });
    expect(seen.map((p) => p.done)).toEqual([0, 2, 4, 6]);
    expect(seen[0]!.etaSeconds).toBeNull();
    expect(seen[1]).toMatchObject({ total: 6, embedded: 2, itemsPerSecond: 2, etaSeconds: 2 });
    expect(seen.at(-1)!.etaSeconds).toBe(0);
  });

  it('stops between chunks when cancelled, keeping finished chunks', async () => {
    const cache = new InMemoryEmbeddingCache();
    const controller = new AbortController();
    const { encoder, calls } = fakeEncoder('m', () => {
      if (calls.length === 2) controller.abort();
    });
    await expect(
      runEmbeddingJob({ items: items(10), encoder, cache, chunkSize: 3, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls.length).toBe(2);
    expect(cache.rows.size).toBe(6);
    const resumed = await runEmbeddingJob({ items: items(10), encoder: fakeEncoder('m').encoder, cache });
    expect(resumed).toMatchObject({ skipped: 6, embedded: 4 });
  });

  it('hands the encoder the next chunk before storing the one it has (the pool keeps working)', async () => {
    const started: number[] = [];
    const release: Array<() => void> = [];
    const encoder: ItemEmbedder = {
      modelVersion: 'm',
      embed: (texts) => {
        started.push(texts.length);
        return new Promise((resolve) => release.push(() => resolve(texts.map(() => Float32Array.from([1])))));
      },
    };
    const cache = new InMemoryEmbeddingCache();
    const job = runEmbeddingJob({ items: items(7), encoder, cache, chunkSize: 3 });
    expect(started).toEqual([3, 3]);
    release.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.rows.size).toBe(3);
    expect(started).toEqual([3, 3, 1]);
    while (release.length > 0) {
      release.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await job).toMatchObject({ embedded: 7 });
  });

  it('does nothing when already aborted', async () => {
    const { encoder, calls } = fakeEncoder();
    await expect(
      runEmbeddingJob({ items: items(3), encoder, cache: new InMemoryEmbeddingCache(), signal: AbortSignal.abort() }),
    ).rejects.toBeDefined();
    expect(calls).toEqual([]);
  });
});
