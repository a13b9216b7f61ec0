import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { semanticSearch } from '../../../../src/main/engine/retrieval/semantic-search';
import type { ScoredItem, VectorIndex } from '../../../../src/main/engine/retrieval/vector-index';

/** An index whose nearest items are a fixed ranking (what an ANN returns for one query vector). */
function fakeIndex(ranking: readonly string[]): { index: VectorIndex; fetches: number[] } {
  const fetches: number[] = [];
  const index = {
    size: ranking.length,
    search: (_v: Float32Array, k: number): ScoredItem[] => {
      fetches.push(k);
      return ranking.slice(0, k).map((itemId, i) => ({ itemId, score: 1 - i / 1000 }));
    },
  } as unknown as VectorIndex;
  return { index, fetches };
}

describe('semantic search with filters', () => {
  it('keeps the first k passing hits of the widened fetch, checking each item at most once', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 700 }), fc.integer({ min: 1, max: 30 }), (passFlags, k) => {
        const ranking = passFlags.map((_, i) => `i${i}`);
        const pass = new Set(ranking.filter((_, i) => passFlags[i]));
        const { index, fetches } = fakeIndex(ranking);
        const checked: string[] = [];
        const items = {
          passing: (ids: readonly string[]) => {
            checked.push(...ids);
            return new Set(ids.filter((id) => pass.has(id)));
          },
        };
        const got = semanticSearch(index, items, new Float32Array(2), k, { priceMax: 10 });
        // The definition: over-fetch 4k, then 32k when fewer than k passed (and the index holds more); the first k passing.
        const first = ranking.slice(0, Math.min(ranking.length, 4 * k));
        const firstKept = first.filter((id) => pass.has(id));
        const widened = firstKept.length < k && first.length < ranking.length;
        const fetched = widened ? ranking.slice(0, Math.min(ranking.length, 32 * k)) : first;
        expect(got.map((h) => h.itemId)).toEqual(fetched.filter((id) => pass.has(id)).slice(0, k));
        expect(fetches).toEqual(widened ? [Math.min(ranking.length, 4 * k), Math.min(ranking.length, 32 * k)] : [Math.min(ranking.length, 4 * k)]);
        expect(new Set(checked).size).toBe(checked.length);
      }),
      { numRuns: 300 },
    );
  });

  it('with an in-memory check: the same hits and fetches as the batched check', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 700 }), fc.integer({ min: 1, max: 30 }), (passFlags, k) => {
        const ranking = passFlags.map((_, i) => `i${i}`);
        const pass = new Set(ranking.filter((_, i) => passFlags[i]));
        const batched = fakeIndex(ranking);
        const inMemory = fakeIndex(ranking);
        const passing = (ids: readonly string[]) => new Set(ids.filter((id) => pass.has(id)));
        const expected = semanticSearch(batched.index, { passing }, new Float32Array(2), k, { priceMax: 10 });
        const got = semanticSearch(inMemory.index, { passing: () => { throw new Error('not expected'); }, check: () => (id: string) => pass.has(id) }, new Float32Array(2), k, { priceMax: 10 });
        expect(got).toEqual(expected);
        expect(inMemory.fetches).toEqual(batched.fetches);
      }),
      { numRuns: 300 },
    );
  });

  it('when the cache lists passing items: 2k first, 4k only when a quarter of the 2k passed, else the passing items at once', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 700 }), fc.integer({ min: 1, max: 30 }), (passFlags, k) => {
        const ranking = passFlags.map((_, i) => `i${i}`);
        const pass = new Set(ranking.filter((_, i) => passFlags[i]));
        const { index, fetches } = fakeIndex(ranking);
        const walked: number[] = [];
        const rowsIndex = Object.assign(index, {
          itemIdAt: (row: number) => ranking[row]!,
          searchRows: (_v: Float32Array, n: number, accept: (row: number) => boolean): ScoredItem[] => {
            walked.push(n);
            return ranking.flatMap((itemId, row) => (accept(row) ? [{ itemId, score: 1 - row / 1000 }] : [])).slice(0, n);
          },
        });
        const bits = Uint8Array.from(passFlags, (p) => (p ? 1 : 0));
        const items = { passing: () => { throw new Error('not expected'); }, check: () => (id: string) => pass.has(id), passingRows: () => ({ count: pass.size, rows: null, bits }) };
        // exactMaxRows 0: a filter passing anything counts as passing many items.
        const got = semanticSearch(rowsIndex, items, new Float32Array(2), k, { priceMax: 10 }, 0);
        const fetchOf = (n: number): string[] => ranking.slice(0, Math.min(ranking.length, n));
        const first = fetchOf(2 * k);
        const passedFirst = first.filter((id) => pass.has(id)).length;
        const wantPassing = ranking.filter((id) => pass.has(id)).slice(0, k);
        if (first.length >= ranking.length || passedFirst >= k) {
          expect(fetches).toEqual([first.length]);
          expect(walked).toEqual([]);
        } else if (passedFirst * 4 >= first.length) {
          const second = fetchOf(4 * k);
          expect(fetches).toEqual([first.length, second.length]);
          const passedSecond = second.filter((id) => pass.has(id)).length;
          expect(walked).toEqual(second.length < ranking.length && passedSecond < k ? [k] : []);
        } else {
          // Rare near the query: no 4k fetch; the graph walked with the passing rows.
          expect(fetches).toEqual([first.length]);
          expect(walked).toEqual([k]);
        }
        // Whichever path: the first k passing items in the index's order.
        expect(got.map((h) => h.itemId)).toEqual(wantPassing);
      }),
      { numRuns: 300 },
    );
  });

  it('without filters asks the index for k and checks nothing', () => {
    const { index, fetches } = fakeIndex(['a', 'b', 'c']);
    const items = { passing: () => { throw new Error('not expected'); } };
    expect(semanticSearch(index, items, new Float32Array(2), 2).map((h) => h.itemId)).toEqual(['a', 'b']);
    expect(fetches).toEqual([2]);
  });
});
