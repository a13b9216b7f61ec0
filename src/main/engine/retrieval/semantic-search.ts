/**
 * Nearest items to a query vector that pass the search filters. The ANN index knows nothing of
 * prices or categories, so a filtered search over-fetches and filters in SQL, widening once
 * when the filter is selective.
 */
import type { FilteredItems } from './filtered-items';
import { hasFilters, type SearchFilters } from './search-filters';
import type { ScoredItem, VectorIndex } from './vector-index';

const OVERFETCH = [4, 32] as const;

export function semanticSearch(index: VectorIndex, items: FilteredItems, vector: Float32Array, k: number, filters?: SearchFilters): ScoredItem[] {
  if (k <= 0 || index.size === 0) return [];
  if (!hasFilters(filters)) return index.search(vector, k);
  let kept: ScoredItem[] = [];
  for (const factor of OVERFETCH) {
    const fetched = index.search(vector, Math.min(index.size, k * factor));
    const passing = items.passing(
      fetched.map((h) => h.itemId),
      filters,
    );
    kept = fetched.filter((h) => passing.has(h.itemId)).slice(0, k);
    if (kept.length >= k || fetched.length >= index.size) break;
  }
  return kept;
}
