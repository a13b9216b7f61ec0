import { describe, expect, it } from 'vitest';
import { hitAt, mrrAt, ndcgAt, recallAt } from '../../../../src/main/engine/eval/metrics/accuracy';
import { bootstrapMeanIntervals, mean, percentileInterval } from '../../../../src/main/engine/eval/metrics/bootstrap';
import { ExposureTracker, popularityPercentiles } from '../../../../src/main/engine/eval/metrics/exposure';
import { comparePaired } from '../../../../src/main/engine/eval/metrics/paired-comparison';
import { rankOfTarget, topK } from '../../../../src/main/engine/eval/metrics/ranking';
import { studentTTwoSidedP } from '../../../../src/main/engine/eval/metrics/student-t';

describe('ranking', () => {
  const scores = Float32Array.from([0.1, 0.9, 0.5, 0.9, 0.0]);
  it('ranks the target behind every item with the same score (ties count against the target)', () => {
    expect(rankOfTarget(scores, 1)).toBe(2); // ties with item 3: counted against item 1 too, whatever the index
    expect(rankOfTarget(scores, 3)).toBe(2);
    expect(rankOfTarget(scores, 2)).toBe(3);
    expect(rankOfTarget(scores, 4)).toBe(5);
  });
  it('selects the top K in rank order (ties by index for the lists), consistent with rankOfTarget where there are no ties', () => {
    expect(Array.from(topK(scores, 3))).toEqual([1, 3, 2]);
    expect(Array.from(topK(scores, 10))).toEqual([1, 3, 2, 0, 4]);
    const distinct = Float32Array.from({ length: 500 }, (_, i) => ((i * 7919) % 500) / 500);
    const top = topK(distinct, 20);
    top.forEach((item, i) => expect(rankOfTarget(distinct, item)).toBe(i + 1));
  });
  it('counts a masked (-Infinity) target as ranked last', () => {
    const masked = Float32Array.from([0.1, Number.NEGATIVE_INFINITY, 0.5]);
    expect(rankOfTarget(masked, 1)).toBe(3);
  });
});

describe('accuracy at K (hand-computed)', () => {
  it('HR, NDCG and MRR from the rank', () => {
    expect(hitAt(3, 10)).toBe(1);
    expect(hitAt(11, 10)).toBe(0);
    expect(ndcgAt(1, 10)).toBe(1);
    expect(ndcgAt(3, 10)).toBeCloseTo(0.5, 12); // 1 / log2(4)
    expect(ndcgAt(2, 10)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAt(11, 10)).toBe(0);
    expect(mrrAt(4, 10)).toBe(0.25);
    expect(mrrAt(21, 20)).toBe(0);
  });
  it('Recall@K over several relevant items', () => {
    expect(recallAt([5, 3, 9, 1], new Set([3, 1, 7]), 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAt([5, 3, 9, 1], new Set([3, 1, 7]), 4)).toBeCloseTo(2 / 3, 12);
    expect(recallAt([5], new Set(), 1)).toBe(0);
  });
});

describe('beyond accuracy', () => {
  it('gives tied items the mid-rank popularity percentile', () => {
    expect(Array.from(popularityPercentiles([5, 1, 1, 9]))).toEqual([2 / 3, 1 / 6, 1 / 6, 1]);
  });
  it('computes coverage, mean popularity percentile and cold exposure', () => {
    const tracker = new ExposureTracker([5, 1, 1, 9], 1);
    tracker.add([3, 0]);
    tracker.add([3, 1]);
    const s = tracker.summary();
    expect(s.coverage).toBe(3 / 4);
    expect(s.popularityPercentile).toBeCloseTo((1 + 2 / 3 + 1 + 1 / 6) / 4, 12);
    expect(s.coldExposure).toBe(1 / 4);
  });
});

describe('bootstrap and paired comparison', () => {
  const values = Float64Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 1 : 0));
  it('is seeded: same seed, same interval; the interval brackets the mean', () => {
    const [a] = bootstrapMeanIntervals([values], 300, 1);
    const [b] = bootstrapMeanIntervals([values], 300, 1);
    expect(a).toEqual(b);
    const [lo, hi] = a as [number, number];
    expect(lo).toBeLessThan(0.25);
    expect(hi).toBeGreaterThan(0.25);
    // Normal-theory half width 1.96 * sqrt(.25 * .75 / 400) = 0.042; the bootstrap agrees roughly.
    expect(hi - lo).toBeGreaterThan(0.06);
    expect(hi - lo).toBeLessThan(0.11);
  });
  it('takes nearest-rank percentiles', () => {
    expect(percentileInterval(Float64Array.from({ length: 101 }, (_, i) => i), 0.9)).toEqual([5, 95]);
    expect(mean([1, 2, 3, 6])).toBe(3);
  });
  it('matches scipy for the Student t two-sided p-value', () => {
    expect(studentTTwoSidedP(2.0, 10)).toBeCloseTo(0.073388, 5);
    expect(studentTTwoSidedP(-2.0, 10)).toBeCloseTo(0.073388, 5);
    expect(studentTTwoSidedP(0, 5)).toBeCloseTo(1, 10);
  });
  it('runs a paired t-test on per-case differences (hand-computed: t = sqrt(3), df = 3)', () => {
    const r = comparePaired(Float64Array.from([1, 0, 1, 1]), Float64Array.from([0, 0, 1, 0]), 200, 3);
    expect(r.meanA).toBe(0.75);
    expect(r.meanB).toBe(0.25);
    expect(r.meanDifference).toBe(0.5);
    expect(r.pValue).toBeCloseTo(0.18169, 4);
    expect(r.ci[0]).toBeGreaterThanOrEqual(0);
    expect(r.ci[1]).toBeLessThanOrEqual(1);
  });
  it('reports no difference for identical models', () => {
    const r = comparePaired(values, values);
    expect(r.meanDifference).toBe(0);
    expect(r.pValue).toBe(1);
  });
});
