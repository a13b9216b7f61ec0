import { describe, expect, it } from 'vitest';
import { meanInterval95, median, pairedRatioInterval95, percentile, percentileInterval95, ratioInterval } from '../../bench/bench-util';

describe('ratioInterval', () => {
  it('is a point when neither side varies', () => {
    expect(ratioInterval([30, 30, 30], [10, 10, 10])).toEqual([3, 3]);
  });

  it('spans the ratios its resamples can reach, and holds the ratio of the medians', () => {
    const peer = [23.8, 26.4, 28.4];
    const ours = [11.4, 11.5, 11.7];
    const [lo, hi] = ratioInterval(peer, ours);
    // No resample can go below min/max or above max/min.
    expect(lo).toBeGreaterThanOrEqual(23.8 / 11.7 - 1e-12);
    expect(hi).toBeLessThanOrEqual(28.4 / 11.4 + 1e-12);
    expect(lo).toBeLessThan(median(peer) / median(ours));
    expect(hi).toBeGreaterThan(median(peer) / median(ours));
  });

  it('widens when a side is noisier', () => {
    const width = ([lo, hi]: [number, number]): number => hi - lo;
    expect(width(ratioInterval([20, 26, 32, 26, 20], [10, 10, 10]))).toBeGreaterThan(width(ratioInterval([25, 26, 27, 26, 25], [10, 10, 10])));
  });

  it('refuses an empty side', () => {
    expect(() => ratioInterval([], [1])).toThrow(/at least one run/);
  });
});

describe('median', () => {
  it('takes the middle run, the lower one for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});

describe('percentileInterval95', () => {
  it('holds the percentile it bounds, within the sample', () => {
    const times = Array.from({ length: 2000 }, (_, i) => 1 + ((i * 7919) % 2000) / 1000);
    const [lo, hi] = percentileInterval95(times, 0.99);
    const p99 = percentile(times, 0.99);
    expect(lo).toBeLessThanOrEqual(p99);
    expect(hi).toBeGreaterThanOrEqual(p99);
    expect(lo).toBeGreaterThanOrEqual(Math.min(...times));
    expect(hi).toBeLessThanOrEqual(Math.max(...times));
  });

  it('is wider for a tail made of a few outliers than for a smooth one', () => {
    const smooth = Array.from({ length: 1000 }, (_, i) => 1 + i / 1000);
    const spiky = smooth.map((x, i) => (i % 100 === 0 ? 20 + i / 100 : x));
    const width = ([lo, hi]: [number, number]): number => hi - lo;
    expect(width(percentileInterval95(spiky, 0.99))).toBeGreaterThan(width(percentileInterval95(smooth, 0.99)));
  });
});

describe('pairedRatioInterval95', () => {
  it('is a point when every pair has the same ratio', () => {
    const [lo, hi] = pairedRatioInterval95([11, 22, 33], [10, 20, 30]);
    expect(lo).toBeCloseTo(1.1, 12);
    expect(hi).toBeCloseTo(1.1, 12);
  });

  it('holds the ratio of the sums, within the pairs’ own ratios', () => {
    const a = [10.5, 9.8, 10.9, 11.4, 10.1, 10.6, 9.9, 10.8];
    const b = [10, 10, 10, 10, 10, 10, 10, 10];
    const [lo, hi] = pairedRatioInterval95(a, b);
    const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
    expect(lo).toBeLessThan(sum(a) / sum(b));
    expect(hi).toBeGreaterThan(sum(a) / sum(b));
    expect(lo).toBeGreaterThanOrEqual(0.98 - 1e-12);
    expect(hi).toBeLessThanOrEqual(1.14 + 1e-12);
  });

  it('pairs the sides: a drift both sides share does not widen it', () => {
    const drift = Array.from({ length: 40 }, (_, i) => 10 + (i % 7));
    const paired = pairedRatioInterval95(drift.map((x) => x * 1.05), drift);
    const shuffled = pairedRatioInterval95(drift.map((x) => x * 1.05), [...drift].reverse());
    expect(paired[1] - paired[0]).toBeLessThan((shuffled[1] - shuffled[0]) / 10);
  });

  it('refuses sides of different lengths', () => {
    expect(() => pairedRatioInterval95([1, 2], [1])).toThrow(/same number/);
  });
});

describe('meanInterval95', () => {
  it('is the mean plus or minus t times the standard error', () => {
    // mean 1.06, sd 0.01, n 3: t(2) = 4.303.
    const [lo, hi] = meanInterval95([1.05, 1.06, 1.07]);
    expect(lo).toBeCloseTo(1.06 - (4.303 * 0.01) / Math.sqrt(3), 9);
    expect(hi).toBeCloseTo(1.06 + (4.303 * 0.01) / Math.sqrt(3), 9);
  });

  it('narrows as runs agree and as runs are added', () => {
    const width = ([lo, hi]: [number, number]): number => hi - lo;
    expect(width(meanInterval95([1.0, 1.1, 1.2]))).toBeGreaterThan(width(meanInterval95([1.05, 1.1, 1.15])));
    expect(width(meanInterval95([1.05, 1.15, 1.05, 1.15, 1.05, 1.15]))).toBeLessThan(width(meanInterval95([1.05, 1.15])));
  });

  it('refuses a single run', () => {
    expect(() => meanInterval95([1.05])).toThrow(/at least two runs/);
  });
});
