import { describe, expect, it } from 'vitest';
import type { EvaluationResult, StoredEvalResult } from '../../src/renderer/src/transport/contract';
import { createEvalStore } from '../../src/renderer/src/stores/evalStore';
import { chartBars, DEFAULT_METRIC, groupByDataset, isChartMetric, reproduceCommand, shellArg } from '../../src/renderer/src/stores/evaluation';
import { fakeClient } from './fakes';

function stored(overrides: Partial<EvaluationResult> = {}): StoredEvalResult {
  const result: EvaluationResult = {
    schemaVersion: 1,
    dataset: 'beauty',
    protocol: 'leave-one-out',
    fold: 'test',
    model: 'itemknn',
    modelName: 'itemknn(lastN=5)',
    masked: false,
    cases: 1000,
    metrics: { 'NDCG@10': 0.05, 'HR@10': 0.08 },
    ci: { 'NDCG@10': [0.04, 0.07], 'HR@10': [0.07, 0.09] },
    alternate: { masked: true, metrics: { 'NDCG@10': 0.06 } },
    beyondAccuracy: { coverage: 0.9, popularityPercentile: 0.5, coldExposure: 0.1 },
    bootstrap: { resamples: 1000, seed: 42 },
    timings: { loadSeconds: 1, fitSeconds: 1, scoreSeconds: 1 },
    importRejections: 0,
    date: '2026-11-29T14:00:00.000Z',
    ...overrides,
  };
  return { key: `${result.dataset}/${result.model}/${result.date}_${result.fold}${result.masked ? '_masked' : ''}.json`, result };
}

describe('evaluation results', () => {
  it('groups by dataset, models alphabetically, newest run first', () => {
    const groups = groupByDataset([
      stored({ dataset: 'yoochoose', model: 'vsknn' }),
      stored({ model: 'popularity' }),
      stored({ model: 'itemknn', date: '2026-11-28T00:00:00.000Z' }),
      stored({ model: 'itemknn', date: '2026-11-30T00:00:00.000Z' }),
    ]);
    expect(groups.map((g) => g.dataset)).toEqual(['beauty', 'yoochoose']);
    expect(groups[0]?.results.map((r) => `${r.result.model}@${r.result.date.slice(0, 10)}`)).toEqual(['itemknn@2026-11-30', 'itemknn@2026-11-28', 'popularity@2026-11-29']);
  });

  it('charts the latest test-fold run per model and masking mode, best first, with asymmetric CI whiskers', () => {
    const bars = chartBars(
      [
        stored({ model: 'itemknn', date: '2026-11-28T00:00:00.000Z', metrics: { 'NDCG@10': 0.01 } }),
        stored({ model: 'itemknn' }),
        stored({ model: 'itemknn', masked: true, metrics: { 'NDCG@10': 0.06 }, ci: {} }),
        stored({ model: 'popularity', metrics: { 'NDCG@10': 0.005 }, ci: { 'NDCG@10': [0.004, 0.0065] } }),
        stored({ model: 'transitions', fold: 'validation', metrics: { 'NDCG@10': 0.9 } }),
        stored({ model: 'gru', metrics: { 'HR@10': 0.1 } }),
      ],
      'NDCG@10',
    );
    expect(bars.map((b) => b.label)).toEqual(['itemknn (masked)', 'itemknn', 'popularity']);
    const itemknn = bars[1];
    expect(itemknn?.value).toBe(0.05);
    expect(itemknn?.error[0]).toBeCloseTo(0.01);
    expect(itemknn?.error[1]).toBeCloseTo(0.02);
    expect(bars[0]?.error).toEqual([0, 0]);
    expect(bars[0]?.low).toBeNull();
  });

  it('falls back to validation runs when a dataset has no test-fold run', () => {
    expect(chartBars([stored({ fold: 'validation' })], 'NDCG@10')).toHaveLength(1);
  });

  it('spells out the command that reproduces a run', () => {
    expect(reproduceCommand(stored().result)).toBe('npm run eval -- --dataset beauty --model itemknn --fold test --json');
    expect(reproduceCommand(stored({ model: 'itemknn:lastN=5,decay=0.8', fold: 'validation', masked: true }).result)).toBe(
      'npm run eval -- --dataset beauty --model itemknn:lastN=5,decay=0.8 --fold validation --masked --json',
    );
    expect(shellArg('/data/my sets/x.csv')).toBe(`'/data/my sets/x.csv'`);
    expect(shellArg("it's")).toBe(`'it'\\''s'`);
  });

  it('offers only the five chart metrics', () => {
    expect(DEFAULT_METRIC).toBe('NDCG@10');
    expect(isChartMetric('MRR@20')).toBe(true);
    expect(isChartMetric('Recall@10')).toBe(false);
  });
});

describe('evaluation store', () => {
  it('loads stored results and keeps the chosen metric', async () => {
    const { client, transport } = fakeClient({ 'eval.results': () => [stored()] });
    const store = createEvalStore(client);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, loading: false, error: null, metric: 'NDCG@10' });
    expect(store.getState().results).toHaveLength(1);
    expect(transport.calls[0]).toEqual({ method: 'eval.results', input: { limit: 1000 } });
    store.getState().setMetric('HR@20');
    expect(store.getState().metric).toBe('HR@20');
  });

  it('says why loading failed, including a reply that breaks the contract', async () => {
    const { client } = fakeClient({ 'eval.results': () => [{ key: 'x', result: { dataset: 'beauty' } }] });
    const store = createEvalStore(client);
    await store.getState().load();
    expect(store.getState().loaded).toBe(false);
    expect(store.getState().error).toMatch(/does not match the contract/);
  });
});
