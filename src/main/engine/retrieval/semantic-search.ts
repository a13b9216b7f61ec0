/**
 * Nearest items to a query vector that pass the search filters. The ANN index knows nothing of
 * prices or categories, so a filtered search over-fetches and filters in SQL, widening once
 * when the filter is selective. The fetched hits are checked in order, a slice at a time, and the
 * check stops once k pass (an item checked in the first round is not checked again): the kept items
 * are the first k passing hits of the fetch, as when every fetched hit was checked at once. With the
 * engine's item cache (`check`) each hit is checked in memory, in order, with the same outcome.
 *
 * When the cache can also list the filter's passing items (`passingRows`, kept per filter), the
 * path follows how many pass. A 2k fetch comes first (then the 4k fetch, when a quarter to a half of
 * the 2k passed: fewer than k, but the 4k fetch is likely to hold k), and the share of it that passes
 * estimates how many pass in all: when that is more than `EXACT_MAX_ROWS` and k of the fetch pass,
 * they are the answer, and the filter's items are never listed (a pass over the whole item cache the
 * first time a filter is seen, 10-30 ms at 100k items). Under a quarter of the 2k passing, the filter
 * is rare near this query (a price cap most items meet, asked with "laptop"): the 4k fetch is skipped
 * (1-4 ms at 100k items that would not hold k) and the passing items are listed: at most
 * `EXACT_MAX_ROWS` (a brand, a small category) are scored exactly, every one of them (the true top
 * k, where a fetch of 32k ANN hits may hold fewer than k of them); more, when fewer than k of the
 * fetch passed (the filter is rare near this query although common overall), walk the graph again
 * with the filter as a bitmap (hnswlib's filtered search) instead of a 32k fetch.
 */
import type { FilteredItems } from './filtered-items';
import type { PassingRows } from './filtered-rows';
import { hasFilters, type SearchFilters } from './search-filters';
import type { ScoredItem, VectorIndex } from './vector-index';

const OVERFETCH = [4, 32] as const;
/** The first fetch of a search the item cache can list passing items for: 2k hits. */
const FIRST_FETCH = 2;

/**
 * A filter passing at most this many items is scored exactly over them (a dot product each) rather
 * than through the ANN graph: chosen by cost on the bench store (docs/SEARCH.md, "The semantic half
 * of a filtered search"), where a ~10k-item category scored exactly took well under half the time of
 * the graph walked with the filter, and recall is exact.
 */
export const EXACT_MAX_ROWS = 12_000;

export function semanticSearch(
  index: VectorIndex,
  items: Pick<FilteredItems, 'passing'> & Partial<Pick<FilteredItems, 'check' | 'passingRows'>>,
  vector: Float32Array,
  k: number,
  filters?: SearchFilters,
  exactMaxRows = EXACT_MAX_ROWS,
): ScoredItem[] {
  if (k <= 0 || index.size === 0) return [];
  if (!hasFilters(filters)) return index.search(vector, k);
  const check = items.check?.(filters);
  if (check !== undefined) {
    if (!items.passingRows) return checkedInMemory(index, check, vector, k);
    // The 2k fetch first, then the 4k fetch when that is likely to hold k. A filter that passes many
    // items (estimated from the share of the fetch that passes) is answered from it when k of the
    // fetch pass, without listing the filter's passing items (a pass over the whole item cache the
    // first time a filter is seen); a filter that passes few is scored exactly over them.
    let fetched = index.search(vector, Math.min(index.size, k * FIRST_FETCH));
    let { kept, passed } = firstPassing(fetched, check, k);
    if (fetched.length >= index.size) return kept;
    if (kept.length < k && passed * OVERFETCH[0] >= fetched.length) {
      fetched = index.search(vector, Math.min(index.size, k * OVERFETCH[0]));
      ({ kept, passed } = firstPassing(fetched, check, k));
      if (fetched.length >= index.size) return kept;
    }
    const estimated = (passed / Math.max(1, fetched.length)) * index.size;
    if (kept.length >= k && estimated > exactMaxRows) return kept;
    const passing = items.passingRows(index, filters, exactMaxRows);
    return passing === undefined ? checkedInMemory(index, check, vector, k) : byPassingRows(index, passing, vector, k);
  }
  const slice = k * OVERFETCH[0];
  const passes = new Map<string, boolean>();
  let kept: ScoredItem[] = [];
  for (const factor of OVERFETCH) {
    const fetched = index.search(vector, Math.min(index.size, k * factor));
    kept = [];
    for (let start = 0; start < fetched.length && kept.length < k; start += slice) {
      const part = fetched.slice(start, start + slice);
      const unknown = part.filter((h) => !passes.has(h.itemId)).map((h) => h.itemId);
      if (unknown.length > 0) {
        const passing = items.passing(unknown, filters);
        for (const id of unknown) passes.set(id, passing.has(id));
      }
      for (const h of part) if (kept.length < k && passes.get(h.itemId) === true) kept.push(h);
    }
    if (kept.length >= k || fetched.length >= index.size) break;
  }
  return kept;
}

/** The first k fetched hits that pass, fetching 4k then 32k as above; a check is a map lookup and a predicate. */
function checkedInMemory(index: VectorIndex, check: (itemId: string) => boolean, vector: Float32Array, k: number): ScoredItem[] {
  let kept: ScoredItem[] = [];
  for (const factor of OVERFETCH) {
    const fetched = index.search(vector, Math.min(index.size, k * factor));
    kept = [];
    for (const h of fetched) {
      if (check(h.itemId)) {
        kept.push(h);
        if (kept.length >= k) break;
      }
    }
    if (kept.length >= k || fetched.length >= index.size) break;
  }
  return kept;
}

/** The first k of `fetched` that pass `check`, in order, and how many of all of them pass. */
function firstPassing(fetched: readonly ScoredItem[], check: (itemId: string) => boolean, k: number): { kept: ScoredItem[]; passed: number } {
  const kept: ScoredItem[] = [];
  let passed = 0;
  for (const h of fetched) {
    if (!check(h.itemId)) continue;
    passed++;
    if (kept.length < k) kept.push(h);
  }
  return { kept, passed };
}

/** When few items pass, or the 4k fetch held fewer than k passing ones: exact over the passing items when few pass, else the graph walked with them as a bitmap. */
function byPassingRows(index: VectorIndex, passing: PassingRows, vector: Float32Array, k: number): ScoredItem[] {
  if (passing.rows !== null) return index.searchAmong(vector, k, passing.rows);
  const bits = passing.bits;
  return index.searchRows(vector, k, (row) => bits[row] === 1);
}
