/**
 * Parity with the reference library (sentence-transformers, PyTorch fp32) on the golden
 * texts written by tools/export_text_encoder.py: same token ids, same embeddings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentenceEncoder } from '../../../../src/main/engine/inference/sentence-encoder';
import { cosine } from '../../../../src/main/engine/inference/pooling';

interface GoldenCase {
  text: string;
  tokenIds: number[];
  embedding: number[];
}
const root = join(__dirname, '../../../..');
const golden = JSON.parse(readFileSync(join(root, 'test/fixtures/text-encoder/golden.json'), 'utf8')) as {
  cases: GoldenCase[];
};
const modelDir = join(root, 'models/text-encoder');
const quiet = { info: () => undefined, warn: () => undefined };
const texts = golden.cases.map((c) => c.text);

describe('text encoder golden parity', () => {
  let fp32: SentenceEncoder;
  let int8: SentenceEncoder;
  beforeAll(async () => {
    // One thread each: vitest runs test files in parallel on a 2-core machine.
    const common = { modelDir, providers: ['cpu'] as const, log: quiet, tuning: { intraOpThreads: 1 } };
    [fp32, int8] = await Promise.all([
      SentenceEncoder.load({ ...common, variant: 'fp32' }),
      SentenceEncoder.load({ ...common, variant: 'int8' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([fp32?.dispose(), int8?.dispose()]);
  });

  it('covers the cases the fixture promises', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(100);
    expect(texts).toContain('');
    expect(golden.cases.some((c) => c.tokenIds.length === 256)).toBe(true);
  });

  it('tokenises every golden text to the reference ids (truncated at 256)', () => {
    for (const c of golden.cases) expect(fp32.tokenize(c.text), JSON.stringify(c.text)).toEqual(c.tokenIds);
  });

  it('fp32 embeddings match the reference (cosine >= 0.9999 each)', async () => {
    const vectors = await fp32.embed(texts);
    const worst = Math.min(...golden.cases.map((c, i) => cosine(vectors[i]!, c.embedding)));
    expect(worst).toBeGreaterThanOrEqual(0.9999);
    expect(vectors.every((v) => v.length === 384)).toBe(true);
  });

  it('int8 embeddings stay close to the reference (mean cosine >= 0.99)', async () => {
    const vectors = await int8.embed(texts);
    const sims = golden.cases.map((c, i) => cosine(vectors[i]!, c.embedding));
    expect(sims.reduce((a, b) => a + b, 0) / sims.length).toBeGreaterThanOrEqual(0.99);
  });

  it('a query embedded alone equals the same text in a padded batch', async () => {
    const text = golden.cases[3]!.text;
    const [batched] = await fp32.embed([text, golden.cases.at(-2)!.text]);
    expect(cosine(await fp32.embedQuery(text), batched!)).toBeGreaterThan(0.99999);
  });

  it('reports the provider and a variant-specific model version', () => {
    expect(fp32.provider).toBe('cpu');
    expect(fp32.modelVersion).not.toBe(int8.modelVersion);
  });
});
