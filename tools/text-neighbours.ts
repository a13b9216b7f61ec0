/**
 * How often is a shopper's next item among the 50 nearest text neighbours of the previous
 * one? A quick check that the text encoder carries a sequential-recommendation signal.
 *   npx tsx tools/text-neighbours.ts [--k 50] [--split test] [--variant int8]
 * Reads ../shared/datasets/amazon-scientific-2018-unisrec at run time (never copied).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SentenceEncoder, type EncoderVariant } from '../src/main/engine/inference/sentence-encoder';

const DATA = join(__dirname, '../../shared/datasets/amazon-scientific-2018-unisrec');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] ?? fallback : fallback;
}

function rows(file: string): string[][] {
  return readFileSync(join(DATA, file), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
}

/** Indices of the k most similar items to `q` (excluding itself), by dot product of unit vectors. */
function topK(q: number, vectors: Float32Array[], k: number): Set<number> {
  const sims: Array<[number, number]> = [];
  const a = vectors[q]!;
  vectors.forEach((b, j) => {
    if (j === q) return;
    let dot = 0;
    for (let d = 0; d < a.length; d++) dot += a[d]! * b[d]!;
    sims.push([dot, j]);
  });
  sims.sort((x, y) => y[0] - x[0]);
  return new Set(sims.slice(0, k).map(([, j]) => j));
}

async function main(): Promise<void> {
  const k = Number(option('k', '50'));
  const split = option('split', 'test');
  const variant = option('variant', 'int8') as EncoderVariant;
  const indexOf = new Map(rows('Scientific.item2index').map(([asin, idx]) => [asin!, Number(idx)]));
  const texts: string[] = new Array(indexOf.size).fill('');
  for (const [asin, text] of rows('Scientific.text')) {
    const idx = indexOf.get(asin!);
    if (idx !== undefined) texts[idx] = text ?? '';
  }
  const pairs = rows(`Scientific.${split}.inter`).map(([, history, target]) => {
    const prev = history!.trim().split(' ').at(-1)!;
    return [Number(prev), Number(target)] as const;
  });

  const encoder = await SentenceEncoder.load({ variant });
  const t0 = performance.now();
  const vectors = await encoder.embed(texts);
  const embedSeconds = (performance.now() - t0) / 1000;
  await encoder.dispose();

  const neighbours = new Map<number, Set<number>>();
  let hits = 0;
  let repeats = 0;
  for (const [prev, next] of pairs) {
    if (prev === next) repeats++;
    if (!neighbours.has(prev)) neighbours.set(prev, topK(prev, vectors, k));
    if (neighbours.get(prev)!.has(next)) hits++;
  }
  const n = texts.length;
  console.log(
    JSON.stringify({
      split, k, variant, items: n, pairs: pairs.length, repeats,
      hit_rate: Number((hits / pairs.length).toFixed(4)),
      // Random k neighbours (excluding the previous item) contain the next item with p = k/(n-1).
      random_baseline: Number((k / (n - 1)).toFixed(4)),
      embed_seconds: Number(embedSeconds.toFixed(1)),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
