/**
 * Catalogue embedding job: embed every item whose current text has no cached vector for
 * this model version. Writes each chunk as it finishes, so a cancelled or crashed run
 * resumes where it stopped instead of starting over.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EmbeddingCache, EmbeddingRow } from './embedding-cache';
import { contentHash, itemText, type ItemTextFields } from './item-text';

export interface JobItem extends ItemTextFields {
  itemId: string;
}

/** What the job needs of an encoder; SentenceEncoder and the encoder pool satisfy it. */
export interface ItemEmbedder {
  readonly modelVersion: string;
  /** Vectors in input order; an aborted `signal` rejects with its reason, without embedding the rest. */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export interface EmbeddingJobProgress {
  done: number;
  total: number;
  skipped: number;
  embedded: number;
  /** Embedding rate so far (cache hits excluded, they cost nothing). */
  itemsPerSecond: number;
  /** Seconds left at the current rate; null until a rate is known. */
  etaSeconds: number | null;
}

export interface EmbeddingJobOptions {
  items: readonly JobItem[];
  encoder: ItemEmbedder;
  cache: EmbeddingCache;
  /** Items per encoder call and per cache write. */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: EmbeddingJobProgress) => void;
  now?: () => number;
}

export interface EmbeddingJobResult {
  total: number;
  skipped: number;
  embedded: number;
  seconds: number;
}

/** The longest the scan for items to embed holds the event loop at a time. */
const SCAN_SLICE_MS = 10;

export async function runEmbeddingJob(opts: EmbeddingJobOptions): Promise<EmbeddingJobResult> {
  const { items, encoder, cache, signal } = opts;
  const now = opts.now ?? (() => performance.now());
  const chunkSize = opts.chunkSize ?? 256;
  const started = now();
  signal?.throwIfAborted();

  const pending: Array<{ itemId: string; text: string; hash: string }> = [];
  // Hashing a large catalogue and looking each item up takes seconds: requests get the event loop every ~10 ms.
  let turn = performance.now();
  for (const item of items) {
    const text = itemText(item);
    const hash = contentHash(text);
    if (cache.get(item.itemId, encoder.modelVersion)?.contentHash !== hash) pending.push({ itemId: item.itemId, text, hash });
    if (performance.now() - turn > SCAN_SLICE_MS) {
      await nextTurn();
      signal?.throwIfAborted();
      turn = performance.now();
    }
  }
  // Similar lengths in one chunk pad less; character length is a good enough proxy here.
  pending.sort((a, b) => a.text.length - b.text.length);

  const total = items.length;
  const skipped = total - pending.length;
  let embedded = 0;
  const report = (): void => {
    const seconds = (now() - started) / 1000;
    const rate = embedded > 0 && seconds > 0 ? embedded / seconds : 0;
    const left = pending.length - embedded;
    opts.onProgress?.({
      done: skipped + embedded,
      total,
      skipped,
      embedded,
      itemsPerSecond: rate,
      etaSeconds: left === 0 ? 0 : rate > 0 ? left / rate : null,
    });
  };
  report();

  // Two chunks in hand: while this thread stores one, the encoder (worker threads) embeds the
  // next, so its workers wait neither for the store nor for the last batch of a chunk.
  const inHand: Array<{ chunk: typeof pending; vectors: Promise<Float32Array[]> }> = [];
  let nextStart = 0;
  const handOut = (): void => {
    if (signal?.aborted || nextStart >= pending.length) return;
    const chunk = pending.slice(nextStart, nextStart + chunkSize);
    nextStart += chunk.length;
    const vectors = encoder.embed(chunk.map((c) => c.text), signal);
    // Awaited in order below; this only keeps one abandoned by an earlier failure from going unhandled.
    vectors.catch(() => undefined);
    inHand.push({ chunk, vectors });
  };
  handOut();
  handOut();
  for (let next = inHand.shift(); next; next = inHand.shift()) {
    const vectors = await next.vectors;
    const rows: EmbeddingRow[] = next.chunk.map((c, i) => ({
      itemId: c.itemId,
      modelVersion: encoder.modelVersion,
      contentHash: c.hash,
      vector: vectors[i]!,
    }));
    cache.put(rows);
    embedded += rows.length;
    report();
    handOut();
  }
  // A cancelled run keeps what it finished; it still ends as cancelled.
  signal?.throwIfAborted();
  return { total, skipped, embedded, seconds: (now() - started) / 1000 };
}
