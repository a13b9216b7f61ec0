import { describe, expect, it } from 'vitest';
import { CHANNELS, type RankedItem } from '../../../../src/shared/contract/recommendations';
import { DEFAULT_FUSION_WEIGHTS, rankCandidates, sumChannels, type RankingCandidate, type RankOptions } from '../../../../src/main/engine/ranking';
import { BEHAVIOUR_ONLY, candidate, NOW, rule } from './ranking-fixtures';

const base = (extra: Partial<RankOptions> = {}): RankOptions => ({ weights: BEHAVIOUR_ONLY, rules: [], slot: 'home', now: NOW, k: 10, ...extra });
const ids = (items: readonly RankedItem[]): string[] => items.map((i) => i.itemId);
/** Ten candidates a..j scored 1.0, 0.9, ... 0.1. */
const TEN: RankingCandidate[] = 'abcdefghij'.split('').map((id, i) => candidate(id, 1 - i / 10, { brand: i % 2 ? 'Odd' : 'Even', category: i < 5 ? 'Shoes > Running' : 'Shoes > Trail' }));

describe('rankCandidates', () => {
  it('orders by fused score and explains every score exactly: contributions plus rule effects', () => {
    const mixed = TEN.map((c, i) => ({ ...c, scores: Object.fromEntries(CHANNELS.map((ch, j) => [ch, ((i + 1) * (j + 3) * 0.137) % 1])) as RankingCandidate['scores'] }));
    const out = rankCandidates(mixed, base({ weights: DEFAULT_FUSION_WEIGHTS, rules: [rule({ kind: 'boost', target: { type: 'brand', brand: 'odd' }, strength: 0.3 }), rule({ kind: 'bury', target: { type: 'category', category: 'Shoes > Trail' }, strength: 0.2 })] }));
    expect(out.items).toHaveLength(10);
    for (const item of out.items) {
      const explained = sumChannels(item.contributions) + item.rules.reduce((s, r) => s + r.effect, 0);
      expect(Math.abs(explained - item.score)).toBeLessThan(1e-9);
      for (const c of CHANNELS) {
        const raw = mixed.find((m) => m.itemId === item.itemId)!.scores[c];
        expect(item.contributions[c]).toBeCloseTo(DEFAULT_FUSION_WEIGHTS[c] * raw, 12);
      }
    }
    const scores = out.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(out.items.some((i) => i.rules.length === 2)).toBe(true);
  });

  it('orders a sorted search by its key: pins keep their place, hides still remove, buries do not reorder, nothing is explored', () => {
    // Prices fall with the score (a 90 .. j 0), except 'c' has none; updatedAt rises with the score.
    const priced = TEN.map((c, i) => ({ ...c, ...(c.itemId === 'c' ? {} : { price: 100 - i * 10 }), updatedAt: NOW - (10 - i) * 1000 }));
    const explore = { settings: { enabled: true, rate: 1, fromPosition: 1, toPosition: 6, poolSize: 10 }, random: () => 0.5 };
    const rules = [
      rule({ kind: 'pin', target: { type: 'item', itemId: 'a' }, position: 2 }),
      rule({ kind: 'filter', target: { type: 'item', itemId: 'j' } }),
      rule({ kind: 'bury', target: { type: 'item', itemId: 'i' }, strength: 1 }),
    ];
    const cheap = rankCandidates(priced, base({ k: 6, rules, order: 'priceAsc', exploration: explore }));
    expect(ids(cheap.items)).toEqual(['i', 'a', 'h', 'g', 'f', 'e']);
    expect(cheap.items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cheap.items.every((i) => i.propensity === 1)).toBe(true);
    expect(cheap.exploration).toBeNull();
    // Dearest first; the item without a price goes last.
    const dear = rankCandidates(priced, base({ k: 10, order: 'priceDesc' }));
    expect(ids(dear.items)).toEqual(['a', 'b', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'c']);
    // Newest first: the earliest-updated items are the lowest scored.
    expect(ids(rankCandidates(priced, base({ k: 3, order: 'newest' })).items)).toEqual(['j', 'i', 'h']);
    // Equal keys fall back to the score.
    const samePrice = TEN.map((c) => ({ ...c, price: 5 }));
    expect(ids(rankCandidates(samePrice, base({ k: 3, order: 'priceAsc' })).items)).toEqual(['a', 'b', 'c']);
  });

  it('puts a pinned item at its position, also one no source proposed, and resolves clashing pins deterministically', () => {
    const lookup = (id: string): RankingCandidate | undefined => (id === 'zz' ? candidate('zz', 0, { title: 'From the catalogue' }) : undefined);
    const out = rankCandidates(TEN, base({ k: 6, lookupItem: lookup, rules: [rule({ kind: 'pin', target: { type: 'item', itemId: 'h' }, position: 1 }), rule({ kind: 'pin', target: { type: 'item', itemId: 'zz' }, position: 3 })] }));
    expect(ids(out.items)).toEqual(['h', 'a', 'zz', 'b', 'c', 'd']);
    expect(out.items[0]!.rules).toEqual([expect.objectContaining({ kind: 'pin', effect: 0 })]);
    expect(out.items[2]).toMatchObject({ itemId: 'zz', sources: ['pin'], title: 'From the catalogue' });

    const older = rule({ kind: 'pin', target: { type: 'item', itemId: 'j' }, position: 2, updatedAt: NOW - 10 });
    const newer = rule({ kind: 'pin', target: { type: 'item', itemId: 'i' }, position: 2, updatedAt: NOW });
    const clash = rankCandidates(TEN, base({ k: 5, rules: [older, newer] }));
    // The most recently updated pin holds the position; the other takes the next free one.
    expect(ids(clash.items)).toEqual(['a', 'i', 'j', 'b', 'c']);
    expect(ids(rankCandidates(TEN, base({ k: 5, rules: [newer, older] })).items)).toEqual(ids(clash.items));
    // A pin beyond k or on an unknown item is reported, not shown.
    const missing = rankCandidates(TEN, base({ k: 3, rules: [rule({ kind: 'pin', target: { type: 'item', itemId: 'ghost' }, position: 1 })] }));
    expect(missing.unplacedPins).toEqual([expect.objectContaining({ itemId: 'ghost' })]);
  });

  it('drops a buried brand and raises a boosted category', () => {
    const plain = ids(rankCandidates(TEN, base()).items);
    const buried = ids(rankCandidates(TEN, base({ rules: [rule({ kind: 'bury', target: { type: 'brand', brand: 'Even' }, strength: 0.5 })] })).items);
    for (const evenItem of ['a', 'c', 'e']) expect(buried.indexOf(evenItem)).toBeGreaterThan(plain.indexOf(evenItem));
    expect(buried[0]).toBe('b');

    const boosted = rankCandidates(TEN, base({ rules: [rule({ kind: 'boost', target: { type: 'category', category: 'Shoes > Trail' }, strength: 0.7 })] }));
    // f: 0.5 + 0.7 x 0.9 = 1.13, g: 1.03, then a: 1.0; every Trail item moves up.
    expect(ids(boosted.items).slice(0, 3)).toEqual(['f', 'g', 'a']);
    for (const trail of ['f', 'g', 'h', 'i', 'j']) expect(ids(boosted.items).indexOf(trail)).toBeLessThan(plain.indexOf(trail));
    const f = boosted.items.find((i) => i.itemId === 'f')!;
    // The effect is strength x the list's score range (1.0 - 0.1 = 0.9).
    expect(f.rules[0]!.effect).toBeCloseTo(0.7 * 0.9, 12);
    // A category rule also matches everything below the node.
    const parent = rankCandidates(TEN, base({ rules: [rule({ kind: 'bury', target: { type: 'category', category: 'Shoes' }, strength: 1 })] }));
    expect(parent.items.every((i) => i.rules.length === 1)).toBe(true);
  });

  it('never shows a filtered item, nor an out-of-stock one under an outOfStock filter, even when pinned', () => {
    const stock = TEN.map((c) => (c.itemId === 'b' ? { ...c, inStock: false } : c));
    const out = rankCandidates(stock, base({
      rules: [rule({ kind: 'filter', target: { type: 'brand', brand: 'Even' } }), rule({ kind: 'filter', target: { type: 'outOfStock' } }), rule({ kind: 'pin', target: { type: 'item', itemId: 'c' }, position: 1 })],
    }));
    expect(ids(out.items)).toEqual(['d', 'f', 'h', 'j']);
    expect(out.removed.map((r) => r.itemId).sort()).toEqual(['a', 'b', 'c', 'e', 'g', 'i']);
    expect(out.unplacedPins).toEqual([expect.objectContaining({ itemId: 'c' })]);
    // Without the filter, out-of-stock items are shown as usual.
    expect(ids(rankCandidates(stock, base()).items)).toContain('b');
  });

  it('applies a rule only inside its [startsAt, endsAt) window, only when enabled, and only in its slot', () => {
    const window = rule({ kind: 'filter', target: { type: 'item', itemId: 'a' }, startsAt: NOW, endsAt: NOW + 1000 });
    const shown = (extra: Partial<RankOptions>): boolean => ids(rankCandidates(TEN, base({ rules: [window], ...extra })).items).includes('a');
    expect(shown({ now: NOW - 1 })).toBe(true);
    expect(shown({ now: NOW })).toBe(false);
    expect(shown({ now: NOW + 999 })).toBe(false);
    expect(shown({ now: NOW + 1000 })).toBe(true);
    expect(shown({ rules: [{ ...window, enabled: false }] })).toBe(true);
    expect(shown({ rules: [{ ...window, slot: 'search' }] })).toBe(true);
    expect(shown({ rules: [{ ...window, slot: 'home' }] })).toBe(false);
  });

  it('diversifies categories with MMR and with caps, without moving pins', () => {
    // Twelve candidates: the best eight all in one category.
    const pool = Array.from({ length: 12 }, (_, i) => candidate(`p${i}`, 1 - i / 20, { category: i < 8 ? 'Bags > Totes' : `Bags > Other ${i}` }));
    const top = (items: RankedItem[]): number => items.slice(0, 5).filter((i) => i.category === 'Bags > Totes').length;
    expect(top(rankCandidates(pool, base({ k: 5 })).items)).toBe(5);
    const mmr = rankCandidates(pool, base({ k: 5, diversity: { mmrLambda: 0.5 } })).items;
    expect(top(mmr)).toBeLessThanOrEqual(2);
    expect(mmr[0]!.itemId).toBe('p0');
    const capped = rankCandidates(pool, base({ k: 5, diversity: { maxPerCategory: 2 } })).items;
    expect(top(capped)).toBe(2);
    // Vectors, when given, decide similarity instead of categories.
    const vec = pool.map((c, i) => ({ ...c, category: 'Same', vector: i % 2 ? [1, 0] : [0, 1] }));
    const byVector = rankCandidates(vec, base({ k: 4, diversity: { mmrLambda: 0.3 } })).items;
    expect(byVector.map((i) => Number(i.itemId.slice(1)) % 2).sort()).toEqual([0, 0, 1, 1]);
    // A pin keeps its place under diversity.
    const pinned = rankCandidates(pool, base({ k: 5, diversity: { mmrLambda: 0.5, maxPerCategory: 1 }, rules: [rule({ kind: 'pin', target: { type: 'item', itemId: 'p7' }, position: 4 })] })).items;
    expect(pinned[3]!.itemId).toBe('p7');
  });

  it('logs a deterministic list as such: every item at its position with probability 1, and no exploration record', () => {
    const out = rankCandidates(TEN, base({ k: 5, rules: [rule({ kind: 'pin', target: { type: 'item', itemId: 'j' }, position: 1 })] }));
    expect(out.items.map((i) => i.propensity)).toEqual([1, 1, 1, 1, 1]);
    expect(out.exploration).toBeNull();
    // Exploration switched off for the slot is the same deterministic list.
    const off = rankCandidates(TEN, base({ k: 5, exploration: { settings: { enabled: false, rate: 0.5, fromPosition: 1, toPosition: 5, poolSize: 8 }, random: () => 0 } }));
    expect(off.exploration).toBeNull();
    expect(ids(off.items)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
