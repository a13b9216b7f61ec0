import { describe, expect, it } from 'vitest';
import { Popularity } from '../../../../src/main/engine/retrieval';

const H = 3_600_000;
const categories: Record<string, string> = { a: 'Beauty > Skin Care', b: 'Beauty > Hair', c: 'Home > Kitchen' };
const ev = (itemId: string, ts: number, type = 'view') => ({ type, itemId, ts });

describe('Popularity', () => {
  it('decays counts by their half-life: popular (7 d) remembers, trending (6 h) forgets', () => {
    const p = new Popularity((id) => categories[id]);
    for (let i = 0; i < 10; i++) p.observe(ev('a', 0));
    for (let i = 0; i < 3; i++) p.observe(ev('b', 12 * H));
    // 12 h later: a = 10 * 2^-(12/168) ~ 9.52 popular, 10 * 2^-2 = 2.5 trending; b = 3 both.
    expect(p.popular(2).map((s) => s.itemId)).toEqual(['a', 'b']);
    expect(p.popular(1)[0]!.score).toBeCloseTo(10 * 2 ** (-12 / 168), 6);
    expect(p.trending(2).map((s) => s.itemId)).toEqual(['b', 'a']);
    expect(p.trending(2)[1]!.score).toBeCloseTo(2.5, 6);
  });

  it('weights events by type and ignores impressions and searches', () => {
    const p = new Popularity((id) => categories[id]);
    p.observe(ev('a', 0, 'purchase'));
    p.observe(ev('b', 0, 'view'));
    p.observe(ev('b', 0, 'view'));
    p.observe(ev('c', 0, 'impression'));
    p.observe({ type: 'search', itemId: null, ts: 0 });
    expect(p.popular(5).map((s) => s.itemId)).toEqual(['a', 'b']);
  });

  it('keeps per-category lists for every node of the path (cold start)', () => {
    const p = new Popularity((id) => categories[id]);
    p.observe(ev('a', 0));
    p.observe(ev('b', 0, 'click'));
    p.observe(ev('c', 0, 'purchase'));
    expect(p.popular(5, 'Beauty').map((s) => s.itemId)).toEqual(['b', 'a']);
    expect(p.popular(5, 'Beauty > Skin Care').map((s) => s.itemId)).toEqual(['a']);
    expect(p.popular(5, 'Home').map((s) => s.itemId)).toEqual(['c']);
    expect(p.popular(5, 'Garden')).toEqual([]);
  });

  it('keeps exact top lists over long spans of event time (rescaling)', () => {
    const p = new Popularity(() => undefined, { topSize: 3 });
    // 400 days of events: the decay exponent is rebased many times along the way.
    for (let day = 0; day < 400; day++) p.observe(ev(`i${day % 7}`, day * 24 * H));
    const top = p.trending(3);
    expect(top.map((s) => s.itemId)).toEqual(['i0', 'i6', 'i5']); // days 399, 398, 397
    expect(top[0]!.score).toBeCloseTo(1, 6);
    expect(Number.isFinite(p.popular(1)[0]!.score)).toBe(true);
  });
});
