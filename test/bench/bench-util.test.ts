import { describe, expect, it } from 'vitest';
import { median, percentile, percentileInterval95, ratioInterval } from '../../bench/bench-util';

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
