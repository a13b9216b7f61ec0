import { describe, expect, it } from 'vitest';
import { minMaxNormalise, normaliseChannels, priceFit, rankNormalise, recency, sessionPriceBand } from '../../../../src/main/engine/ranking';
import { candidate } from './ranking-fixtures';

describe('scoring helpers', () => {
  it('priceFit is 1 at the median, symmetric in log price, falls with distance, and neutral when unknown', () => {
    const band = { median: 50, spread: 0.5 };
    expect(priceFit(50, band)).toBe(1);
    expect(priceFit(100, band)).toBeCloseTo(priceFit(25, band), 12);
    expect(priceFit(100, band)).toBeGreaterThan(priceFit(200, band));
    expect(priceFit(50 * Math.exp(0.5), band)).toBeCloseTo(Math.exp(-0.5), 12);
    expect(priceFit(undefined, band)).toBe(0.5);
    expect(priceFit(10, undefined)).toBe(0.5);
    const derived = sessionPriceBand([20, 40, 80]);
    expect(derived?.median).toBeCloseTo(40, 9);
    expect(derived?.spread).toBeGreaterThan(0.5);
    expect(sessionPriceBand([])).toBeUndefined();
  });

  it('recency halves every half-life and stays in (0, 1]', () => {
    const day = 86_400_000;
    expect(recency(0)).toBe(1);
    expect(recency(day)).toBeCloseTo(0.5, 12);
    expect(recency(2 * day)).toBeCloseTo(0.25, 12);
    expect(recency(-5)).toBe(1);
    expect(recency(undefined)).toBe(0);
    expect(recency(3_600_000, 3_600_000)).toBeCloseTo(0.5, 12);
  });

  it('normalises per channel by min-max or by rank', () => {
    expect(minMaxNormalise([2, 4, 6])).toEqual([0, 0.5, 1]);
    expect(minMaxNormalise([0.3, 0.3])).toEqual([0.3, 0.3]);
    expect(rankNormalise([10, 30, 20, 20])).toEqual([0, 1, 0.5, 0.5]);
    expect(rankNormalise([7])).toEqual([1]);
    const rows = [candidate('a', 5).scores, candidate('b', 15).scores, candidate('c', 10).scores];
    const out = normaliseChannels(rows, { behaviour: 'minMax', text: 'rank' });
    expect(out.map((r) => r.behaviour)).toEqual([0, 1, 0.5]);
    expect(rows[0]!.behaviour).toBe(5);
  });
});
