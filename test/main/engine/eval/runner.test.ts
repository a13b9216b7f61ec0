import { describe, expect, it } from 'vitest';
import type { Recommender } from '../../../../src/main/engine/eval/baselines/recommender';
import { parseEvalArgs } from '../../../../src/main/engine/eval/runner/cli-options';
import { evaluateFold } from '../../../../src/main/engine/eval/runner/evaluate-fold';
import type { EvaluationResult } from '../../../../src/main/engine/eval/runner/evaluation-result';
import { readReferenceLists } from '../../../../src/main/engine/eval/runner/reference-lists';
import { listEvalResults, storeEvalResult } from '../../../../src/main/engine/eval/runner/results-store';
import { summariseMode } from '../../../../src/main/engine/eval/runner/summarise';
import { makeTrainingData } from '../../../../src/main/engine/eval/protocols/types';
import { tempFolder } from './temp-files';

const files = tempFolder('runner');

/** Always scores item i as (numItems - i): item 0 first, then 1, ... */
class FixedOrder implements Recommender {
  readonly name = 'fixed';
  private n = 0;
  fit(train: { numItems: number }): void {
    this.n = train.numItems;
  }
  scoreAll(): Float32Array {
    return Float32Array.from({ length: this.n }, (_, i) => this.n - i);
  }
}

describe('evaluateFold', () => {
  const fold = {
    train: makeTrainingData(30, [Int32Array.from([0, 1])]),
    cases: [
      { caseId: 'a', history: Int32Array.from([5]), target: 0 }, // rank 1
      { caseId: 'b', history: Int32Array.from([0]), target: 2 }, // rank 3 unmasked, 2 masked
      { caseId: 'c', history: Int32Array.from([1]), target: 25 }, // rank 26: outside both cut-offs
    ],
  };
  it('computes per-case metrics with and without history masking', () => {
    const r = evaluateFold(new FixedOrder(), fold, { coldMaxCount: 0 });
    expect(Array.from(r.unmasked.perCase.get('HR@10') ?? [])).toEqual([1, 1, 0]);
    expect(Array.from(r.unmasked.perCase.get('NDCG@10') ?? [])).toEqual([1, 0.5, 0]);
    expect(Array.from(r.masked.perCase.get('MRR@20') ?? [])).toEqual([1, 0.5, 0]);
    expect(r.unmasked.exposure.coverage).toBe(20 / 30);
    const summary = summariseMode(r.unmasked, 100, 1);
    expect(summary.metrics['HR@10']).toBeCloseTo(2 / 3, 5);
    expect(summary.ci['HR@10']?.[0]).toBeLessThanOrEqual(2 / 3);
  });
});

describe('results store', () => {
  it('writes results under dataset/model/version and lists them newest first', () => {
    const base: EvaluationResult = {
      schemaVersion: 1, dataset: 'beauty', protocol: 'leave-one-out', fold: 'test', model: 'itemknn:lastN=5', modelName: 'itemknn(...)',
      masked: false, cases: 3, metrics: { 'HR@10': 0.5 }, ci: { 'HR@10': [0.4, 0.6] }, alternate: { masked: true, metrics: {} },
      beyondAccuracy: { coverage: 0.1, popularityPercentile: 0.9, coldExposure: 0 }, bootstrap: { resamples: 10, seed: 1 },
      timings: { loadSeconds: 0, fitSeconds: 0, scoreSeconds: 0 }, importRejections: 0, date: '2026-01-01T00:00:00.000Z',
    };
    const first = storeEvalResult(files.dir, base);
    storeEvalResult(files.dir, { ...base, model: 'popularity', date: '2026-02-01T00:00:00.000Z' });
    files.write('beauty/broken.json', '{');
    expect(first).toContain('itemknn_lastN=5');
    const listed = listEvalResults(files.dir);
    expect(listed.map((r) => r.result.model)).toEqual(['popularity', 'itemknn:lastN=5']);
    expect(listed[1]?.key).toBe('beauty/itemknn_lastN=5/2026-01-01T00-00-00-000Z_test.json');
  });
});

describe('CLI options and reference lists', () => {
  it('parses flags with defaults and rejects unknown ones', () => {
    const o = parseEvalArgs(['--dataset', 'beauty', '--model', 'itemknn', '--json', '--masked', '--fold', 'validation']);
    expect(o.request).toMatchObject({ dataset: 'beauty', model: 'itemknn', masked: true, fold: 'validation', resamples: 1000 });
    expect(o.json).toBe(true);
    expect(o.outDir).toBe('.data/eval-results');
    expect(() => parseEvalArgs(['--dataset', 'beauty'])).toThrow(/required/);
    expect(() => parseEvalArgs(['--dataset', 'x', '--model', 'y', '--bogus', '1'])).toThrow(/unknown flag/);
  });
  it('reads session-rec recommendation files keyed session#position', async () => {
    const path = files.write('recoms_toy_vsknn.csv', 'SessionId;Position;Recommendations;Scores\n1;0;5,6,7;1.0,0.5,0.2\n2;x;1;1\n');
    const { lists, report } = await readReferenceLists(path);
    expect(lists).toEqual([{ caseId: '1#0', items: ['5', '6', '7'] }]);
    expect(report.rejections[0]).toMatchObject({ line: 3, field: 'Position' });
  });
});
