import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Leaderboard, type LeaderboardEntry } from '../../../../src/main/engine/retrieval/leaderboard';

/** Best first: the higher value, then the smaller key (the board's documented order). */
const byRank = (a: LeaderboardEntry, b: LeaderboardEntry) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The board's rules, recomputed from scratch at every offer: sort everything, evict the last. */
class ReferenceBoard {
  readonly values = new Map<string, number>();
  constructor(private readonly size: number) {}
  offer(key: string, value: number): void {
    if (this.values.has(key) || this.values.size < this.size) {
      this.values.set(key, value);
      return;
    }
    const weakest = this.sorted().at(-1)!;
    if (value <= weakest.value) return;
    this.values.delete(weakest.key);
    this.values.set(key, value);
  }
  sorted(): LeaderboardEntry[] {
    return [...this.values].map(([key, value]) => ({ key, value })).sort(byRank);
  }
}

const keys = fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `k${i}`));
// Few distinct values, so that ties (broken by key) happen often.
const offers = fc.array(fc.tuple(keys, fc.integer({ min: 0, max: 12 }).map((v) => v / 4)), { maxLength: 300 });

describe('Leaderboard', () => {
  it('after every offer, holds exactly what sorting everything and evicting the last would hold, in that order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), offers, (size, ops) => {
        const board = new Leaderboard(size);
        const reference = new ReferenceBoard(size);
        for (const [key, value] of ops) {
          board.offer(key, value);
          reference.offer(key, value);
          expect(board.sorted()).toEqual(reference.sorted());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is the exact top `size` of every key by its latest value when values only grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.tuple(keys, fc.double({ min: 0.001, max: 5, noNaN: true })), { maxLength: 400 }), (size, adds) => {
        const board = new Leaderboard(size);
        const totals = new Map<string, number>();
        for (const [key, add] of adds) {
          const value = (totals.get(key) ?? 0) + add;
          totals.set(key, value);
          board.offer(key, value);
        }
        const expected = [...totals].map(([key, value]) => ({ key, value })).sort(byRank).slice(0, size);
        // Distinct totals: no ties (also none between the last of the top and a key just outside it,
        // which either may fill), so the top is unambiguous. Ties have their own property above.
        fc.pre(new Set(totals.values()).size === totals.size);
        expect(board.sorted()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the best k, a snapshot that later offers leave alone', () => {
    const board = new Leaderboard(3);
    board.offer('a', 1);
    board.offer('b', 3);
    board.offer('c', 2);
    const top = board.top(2);
    expect(top).toEqual([{ key: 'b', value: 3 }, { key: 'c', value: 2 }]);
    board.offer('a', 9);
    board.offer('d', 5);
    expect(top).toEqual([{ key: 'b', value: 3 }, { key: 'c', value: 2 }]);
    expect(board.sorted()).toEqual([{ key: 'a', value: 9 }, { key: 'd', value: 5 }, { key: 'b', value: 3 }]);
    expect(board.top(0)).toEqual([]);
  });

  it('keeps its order when scaled, ties broken by key', () => {
    const board = new Leaderboard(4);
    for (const [key, value] of [['x', 4], ['y', 8], ['w', 4], ['z', 1]] as const) board.offer(key, value);
    board.scale(0.5);
    expect(board.sorted()).toEqual([{ key: 'y', value: 4 }, { key: 'w', value: 2 }, { key: 'x', value: 2 }, { key: 'z', value: 0.5 }]);
    board.offer('z', 3);
    expect(board.top(2).map((e) => e.key)).toEqual(['y', 'z']);
  });
});
