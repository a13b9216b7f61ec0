import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../../../src/shared/contract';
import { storeEvalResult } from '../../../../src/main/engine/eval';
import { Engine } from '../../../../src/main/engine/engine';
import { tempDir } from '../../../helpers/temp-dir';

function result(dataset: string, model: string, ndcg: number, date: string): EvaluationResult {
  return {
    schemaVersion: 1,
    dataset,
    protocol: 'leave-one-out',
    fold: 'test',
    model,
    modelName: model,
    masked: false,
    cases: 100,
    metrics: { 'NDCG@10': ndcg, 'HR@10': ndcg * 2 },
    ci: { 'NDCG@10': [ndcg - 0.01, ndcg + 0.01] },
    alternate: { masked: true, metrics: { 'NDCG@10': ndcg } },
    beyondAccuracy: { coverage: 0.5, popularityPercentile: 0.6, coldExposure: 0 },
    bootstrap: { resamples: 100, seed: 1 },
    timings: { loadSeconds: 1, fitSeconds: 1, scoreSeconds: 1 },
    importRejections: 0,
    date,
  };
}

describe('eval.results', () => {
  const t = tempDir();
  afterEach(() => undefined);

  it('lists stored results newest first, filters by dataset, and skips a corrupt file', async () => {
    const dir = join(t.dir, 'results');
    storeEvalResult(dir, result('beauty', 'transitions', 0.054, '2026-11-29T10:00:00Z'));
    storeEvalResult(dir, result('beauty', 'itemknn', 0.034, '2026-11-29T11:00:00Z'));
    storeEvalResult(dir, result('scientific', 'itemknn', 0.076, '2026-11-29T12:00:00Z'));
    mkdirSync(join(dir, 'beauty', 'broken'), { recursive: true });
    writeFileSync(join(dir, 'beauty', 'broken', 'x.json'), '{not json');
    const engine = new Engine({ dataDir: join(t.dir, 'store'), evalResultsDir: dir });
    try {
      const beauty = await engine.dispatcher.call('eval.results', { dataset: 'beauty' });
      expect(beauty.map((r) => r.result.model)).toEqual(['itemknn', 'transitions']);
      expect((await engine.dispatcher.call('eval.results', {})).length).toBe(3);
    } finally {
      await engine.close();
      t.cleanup();
    }
  });
});
