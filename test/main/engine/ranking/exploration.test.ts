import { describe, expect, it } from 'vitest';
import { rankCandidates, windowPropensity, type ExplorationSettings, type RankOptions } from '../../../../src/main/engine/ranking';
import { EXPLORATION_CONTEXT_ITEMS } from '../../../../src/main/engine/ranking/exploration/explore-window';
import { BEHAVIOUR_ONLY, candidate, NOW, rule } from './ranking-fixtures';

const POOL = Array.from({ length: 30 }, (_, i) => candidate(`i${String(i).padStart(2, '0')}`, 1 - i / 40, { category: `c${i % 5}` }));
const EXPLORE: ExplorationSettings = { enabled: true, rate: 0.3, fromPosition: 2, toPosition: 6, poolSize: 8 };

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const options = (random: () => number, extra: Partial<RankOptions> = {}): RankOptions => ({
  weights: BEHAVIOUR_ONLY,
  rules: [],
  slot: 'home',
  now: NOW,
  k: 10,
  exploration: { settings: EXPLORE, random },
  ...extra,
});

describe('exploration with exact propensities', () => {
  it('over 100,000 draws each (item, position) appears as often as its logged propensity says', () => {
    const random = seeded(11);
    const draws = 100_000;
    const seen = new Map<string, number>();
    const logged = new Map<string, number>();
    let shuffled = 0;
    for (let n = 0; n < draws; n++) {
      const out = rankCandidates(POOL, options(random));
      if (out.exploration?.shuffled) shuffled++;
      for (const item of out.items) {
        const key = `${item.itemId}@${item.position}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        logged.set(key, item.propensity);
      }
    }
    expect(shuffled / draws).toBeCloseTo(EXPLORE.rate, 2);
    // Every shown pair's empirical frequency matches its logged probability within 4 standard errors; chi-square over the window too.
    let chi = 0;
    let cells = 0;
    for (const [key, count] of seen) {
      const p = logged.get(key)!;
      const sd = Math.sqrt((p * (1 - p)) / draws);
      expect(Math.abs(count / draws - p)).toBeLessThanOrEqual(4 * sd + 1e-12);
      if (p < 1) {
        chi += (count - draws * p) ** 2 / (draws * p);
        cells++;
      }
    }
    // 5 window positions x 8 pool items: 40 cells; the 99.9th percentile of chi-square(40) is about 73.4.
    expect(cells).toBe(40);
    expect(chi).toBeLessThan(73.4);
  });

  it('logs the same probability that the record recomputes for any pool item at any window position', () => {
    const out = rankCandidates(POOL, options(seeded(3)));
    const record = out.exploration!;
    expect(record.positions).toEqual([2, 3, 4, 5, 6]);
    expect(record.pool).toHaveLength(8);
    for (const item of out.items) {
      const slot = record.positions.indexOf(item.position);
      if (slot < 0) expect(item.propensity).toBe(1);
      else expect(item.propensity).toBeCloseTo(windowPropensity(record, item.itemId, slot), 15);
    }
    // Probabilities of one position over the pool add up to 1 (the policy puts someone there).
    for (let slot = 0; slot < record.positions.length; slot++) expect(record.pool.reduce((s, id) => s + windowPropensity(record, id, slot), 0)).toBeCloseTo(1, 12);
  });

  it('logs the ranked candidates after the pool as context: features only, never shown', () => {
    const random = seeded(9);
    for (let n = 0; n < 500; n++) {
      const out = rankCandidates(POOL, options(random));
      const record = out.exploration!;
      // 30 candidates: 10 shown, the pool's 8 (4 of them in the window), so 20 ranked after the pool's last; the context takes the next 20 not shown or pooled.
      const taken = new Set([...out.items.map((i) => i.itemId), ...record.pool]);
      const after = POOL.map((c) => c.itemId).filter((id) => !taken.has(id));
      expect(record.context).toBe(Math.min(EXPLORATION_CONTEXT_ITEMS, after.length));
      expect(out.considered.slice(-record.context!).map((r) => r.candidate.itemId)).toEqual(after.slice(0, record.context));
      expect(out.considered).toHaveLength(out.items.length + record.pool.length - record.positions.length + record.context!);
      for (const id of out.considered.slice(-record.context!).map((r) => r.candidate.itemId)) expect(out.items.some((i) => i.itemId === id)).toBe(false);
    }
  });

  it('never changes a position above the window, a pinned position, or brings back a filtered item', () => {
    const rules = [rule({ kind: 'pin', target: { type: 'item', itemId: 'i20' }, position: 4 }), rule({ kind: 'filter', target: { type: 'category', category: 'c1' } })];
    const random = seeded(5);
    for (let n = 0; n < 2000; n++) {
      const out = rankCandidates(POOL, options(random, { rules }));
      expect(out.items[0]!.itemId).toBe('i00');
      expect(out.items[3]!.itemId).toBe('i20');
      expect(out.items[3]!.propensity).toBe(1);
      expect(out.items.some((i) => i.category === 'c1')).toBe(false);
      expect(new Set(out.items.map((i) => i.itemId)).size).toBe(out.items.length);
      expect(out.exploration!.positions).toEqual([2, 3, 5, 6]);
    }
  });

  it('explanations still add up to the score in a shuffled list', () => {
    const out = rankCandidates(POOL, options(() => 0));
    expect(out.exploration!.shuffled).toBe(true);
    for (const item of out.items) expect(item.score).toBeCloseTo(item.contributions.behaviour, 12);
  });
});
