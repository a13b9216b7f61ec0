import { describe, expect, it } from 'vitest';
import { estimateExamination } from '../../../../../src/main/engine/loop/ope';
import { toyContexts, toyLog } from './toy-log';

const THETA = [1, 0.574, 0.415, 0.33, 0.276];

describe('the examination curve from shuffled lists', () => {
  it('recovers theta_k / theta_1 of a position-based model, with intervals that cover it', async () => {
    const options = { lists: 30_000, poolSize: 10, theta: THETA, rate: 0.5, contextSeed: 3, seed: 4 };
    const curve = await estimateExamination(toyLog(options, toyContexts(options)), 7, { replicates: 200, seed: 1 });
    expect(curve.lists).toBeGreaterThan(14_000);
    let covered = 0;
    THETA.forEach((theta, k) => {
      const p = curve.points[k]!;
      expect(Math.abs((p.examination as number) - theta), `position ${k + 1}`).toBeLessThan(0.05);
      expect(p.high! - p.low!).toBeLessThan(0.12);
      if (k > 0 && p.low! <= theta && theta <= p.high!) covered++;
    });
    // 95 % intervals: most of the four estimated positions are covered (one miss in four is within chance).
    expect(covered).toBeGreaterThanOrEqual(3);
    expect(curve.points[0]).toMatchObject({ examination: 1, low: 1, high: 1 });
    // Beyond the window nothing was shuffled: no estimate.
    expect(curve.points[5]).toMatchObject({ position: 6, examination: null, shown: 0, clicked: 0 });
  });

  it('ignores the lists that kept the ranked order, where position and appeal are confounded', async () => {
    // Without shuffles the ranked order puts the most popular first: the naive CTR ratio would be biased.
    const options = { lists: 4000, poolSize: 10, theta: THETA, rate: 0.5, contextSeed: 3, seed: 9 };
    const log = toyLog(options, toyContexts(options));
    const ranked = { ...log, shuffled: log.shuffled.map(() => 0) };
    const curve = await estimateExamination(ranked, 5, { replicates: 0 });
    expect(curve.lists).toBe(0);
    expect(curve.points.every((p) => p.examination === null && p.shown === 0)).toBe(true);
  });
});
