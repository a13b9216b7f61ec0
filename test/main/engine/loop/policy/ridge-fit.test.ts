import { describe, expect, it } from 'vitest';
import { RidgeAccumulator } from '../../../../../src/main/engine/loop/policy/ridge-fit';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('ridge regression by accumulated normal equations', () => {
  it('recovers known coefficients from noisy samples, and shrinks them as the penalty grows', () => {
    const truth = [0.5, 2, -1, 0, 3];
    const random = seeded(1);
    const acc = new RidgeAccumulator(truth.length);
    const x = new Float64Array(truth.length);
    for (let n = 0; n < 20_000; n++) {
      x[0] = 1;
      for (let j = 1; j < truth.length; j++) x[j] = random() * 2 - 1;
      const y = truth.reduce((s, b, j) => s + b * (x[j] as number), 0) + (random() - 0.5) * 0.5;
      acc.add(x, y);
    }
    const b = acc.solve(0);
    truth.forEach((t, j) => expect(b[j]).toBeCloseTo(t, 1));
    const shrunk = acc.solve(20_000 * 10);
    expect(Math.abs(shrunk[4]!)).toBeLessThan(Math.abs(b[4]!) / 2);
    // The intercept is not penalised: it stays near the mean of y given the shrunk slopes.
    expect(shrunk[0]).toBeCloseTo(0.5, 1);
  });

  it('solves with a feature that never varied (a channel always 0) instead of failing', () => {
    const acc = new RidgeAccumulator(3);
    for (let n = 0; n < 100; n++) acc.add(Float64Array.of(1, n % 7, 0), 2 * (n % 7));
    const b = acc.solve(0);
    expect(b[1]).toBeCloseTo(2, 6);
    expect(b[2]).toBe(0);
  });
});
