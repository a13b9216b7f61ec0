import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetsRoot } from '../../../../src/main/engine/eval/datasets/datasetLocation';
import { loadSplit } from '../../../../src/main/engine/eval/datasets/loadSplit';
import { runEvaluation } from '../../../../src/main/engine/eval/runner/runEvaluation';

/** Shared datasets are optional on a developer machine; CI has them. */
const available = ((): boolean => {
  try {
    return existsSync(datasetsRoot());
  } catch {
    return false;
  }
})();

describe.skipIf(!available)('shared datasets smoke test (small slice only)', () => {
  it('loads diginetica-sample with a temporal split and scores a few cases', async () => {
    const loaded = await loadSplit('diginetica-sample');
    expect(loaded.reports.every((r) => r.rejectedCount === 0)).toBe(true);
    expect(loaded.split.protocol).toBe('temporal-7d');
    expect(loaded.split.test.cases.length).toBeGreaterThan(0);
    const run = await runEvaluation({ dataset: 'diginetica-sample', model: 'vsknn', masked: false, fold: 'test', resamples: 50, seed: 1, coldMaxCount: 5, maxCases: 50 }, loaded);
    expect(run.result.cases).toBe(50);
    expect(run.result.metrics['HR@20']).toBeGreaterThanOrEqual(0);
  });
});
