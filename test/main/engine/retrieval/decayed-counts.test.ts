import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecayedCounts } from '../../../../src/main/engine/retrieval/decayed-counts';

const H = 3_600_000;

describe('DecayedCounts', () => {
  it('reads every item as its events decayed to the newest one, across rebases, and keeps the top list in that order', () => {
    const event = fc.record({ item: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), weight: fc.double({ min: 0.1, max: 3, noNaN: true }), gapHours: fc.double({ min: 0, max: 30, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 120 }), (events) => {
        // A 2 h half-life: 30 h gaps cross the clock's rebase point (exponent > 40) now and then.
        const counts = new DecayedCounts(2 * H, 4);
        const seen: { item: string; weight: number; ts: number }[] = [];
        let ts = 0;
        for (const e of events) {
          ts += e.gapHours * H;
          counts.add(e.item, e.weight, ts);
          seen.push({ item: e.item, weight: e.weight, ts });
        }
        const truth = new Map<string, number>();
        for (const s of seen) truth.set(s.item, (truth.get(s.item) ?? 0) + s.weight * 2 ** (-(ts - s.ts) / (2 * H)));
        for (const [item, value] of truth) expect(counts.score(item)).toBeCloseTo(value, 9);
        expect(counts.score('zzz')).toBe(0);
        const top = counts.top(3);
        for (let i = 1; i < top.length; i++) expect(top[i - 1]!.score).toBeGreaterThanOrEqual(top[i]!.score);
        for (const t of top) expect(t.score).toBe(counts.score(t.itemId));
      }),
      { numRuns: 200 },
    );
  });

  it('reads the decay of the newest event after more events arrive', () => {
    const counts = new DecayedCounts(H, 10);
    counts.add('a', 4, 0);
    expect(counts.score('a')).toBe(4);
    counts.add('b', 2, 2 * H);
    expect(counts.score('a')).toBeCloseTo(1, 12);
    expect(counts.top(1)).toEqual([{ itemId: 'b', score: 2 }]);
    counts.clear();
    expect(counts.score('a')).toBe(0);
    counts.add('a', 2, 5 * H);
    expect(counts.score('a')).toBe(2);
  });
});
