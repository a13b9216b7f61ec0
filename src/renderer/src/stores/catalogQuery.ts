import type { MethodInput, StoredItem } from '../transport/contract';

export const CATALOG_PAGE_SIZE = 50;

export interface CatalogQuery {
  text: string;
  category: string;
  offset: number;
  limit: number;
}

/** Blank filters are left out of the request, so an empty box never reaches the engine as a filter on "". */
export function listRequest(query: CatalogQuery): MethodInput<'catalog.list'> {
  const text = query.text.trim();
  const category = query.category.trim();
  return {
    limit: query.limit,
    offset: query.offset,
    ...(text ? { text } : {}),
    ...(category ? { category } : {}),
  };
}

export interface PageRange {
  from: number;
  to: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** One-based, inclusive row numbers for "51–100 of 240". */
export function pageRange(offset: number, shown: number, total: number, limit: number): PageRange {
  return {
    from: shown === 0 ? 0 : offset + 1,
    to: offset + shown,
    hasPrevious: offset > 0,
    hasNext: offset + limit < total,
  };
}

/**
 * Categories seen so far, sorted, to suggest in the filter. The contract has no category list yet,
 * so the suggestions grow as the user pages.
 */
export function collectCategories(known: readonly string[], items: readonly StoredItem[]): string[] {
  const all = new Set(known);
  for (const item of items) if (item.category) all.add(item.category);
  return all.size === known.length ? [...known] : [...all].sort((a, b) => a.localeCompare(b));
}
