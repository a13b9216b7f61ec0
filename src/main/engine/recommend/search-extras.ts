/** What a search reply adds to the ranked list: the rewrite, facets and product-card fields (the ranker orders a sorted search). */
import type { FacetSelection, RankedList, SearchResult } from '../../../shared/contract';
import { encoderText, type LexicalPlan } from '../retrieval';
import type { ItemCache } from './item-cache';

export function rewriteOf(plan: LexicalPlan): NonNullable<SearchResult['rewrite']> {
  return {
    corrections: plan.groups.filter((g) => g.corrections.length > 0).map((g) => ({ typed: g.typed.join(' '), corrected: g.corrections })),
    synonyms: plan.groups.filter((g) => g.synonyms.length > 0).map((g) => ({ typed: g.typed.join(' '), synonyms: g.synonyms.map((s) => s.join(' ')) })),
    encoderText: encoderText(plan),
  };
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
