/** What a search reply adds to the ranked list: the rewrite, facets, product-card fields and the chosen order. */
import type { FacetSelection, RankedList, SearchResult, SearchSort } from '../../../shared/contract';
import { encoderText, type LexicalPlan } from '../retrieval';
import type { ItemCache } from './item-cache';

export function rewriteOf(plan: LexicalPlan): NonNullable<SearchResult['rewrite']> {
  return {
    corrections: plan.groups.filter((g) => g.corrections.length > 0).map((g) => ({ typed: g.typed.join(' '), corrected: g.corrections })),
    synonyms: plan.groups.filter((g) => g.synonyms.length > 0).map((g) => ({ typed: g.typed.join(' '), synonyms: g.synonyms.map((s) => s.join(' ')) })),
    encoderText: encoderText(plan),
  };
}

/**
 * The ranked items in the chosen order: the k most relevant, ordered by price or catalogue time
 * (items without a price go last). `position` stays the relevance position the impression logged.
 */
export function sortedItems(list: RankedList, sort: SearchSort, items: ItemCache): RankedList['items'] {
  if (sort === 'relevance') return list.items;
  const key = (itemId: string, price: number | undefined): number => {
    if (sort === 'newest') return -(items.get(itemId)?.updatedAt ?? 0);
    if (price === undefined) return Number.POSITIVE_INFINITY;
    return sort === 'priceAsc' ? price : -price;
  };
  return [...list.items].sort((a, b) => key(a.itemId, a.price) - key(b.itemId, b.price) || a.position - b.position);
}

export function productCards(list: RankedList, items: ItemCache): NonNullable<SearchResult['products']> {
  const cards: NonNullable<SearchResult['products']> = {};
  for (const r of list.items) {
    const item = items.get(r.itemId);
    if (item) cards[r.itemId] = { imageUrl: item.imageUrl ?? null, inStock: item.inStock, updatedAt: item.updatedAt };
  }
  return cards;
}

/** A search narrowed to exactly one category facet is a category list for category-scoped rules (as `filters.category` is). */
export function singleCategory(facets: FacetSelection | undefined): string | null {
  const categories = facets?.categories ?? [];
  return categories.length === 1 ? (categories[0] ?? null) : null;
}
