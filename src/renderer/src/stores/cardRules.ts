import { MAX_RULE_NOTE_CHARS, type FacetSelection, type RankedItem, type RuleInput } from '../transport/contract';

/** What a product card's merchandising buttons do. */
export type CardAction = { kind: 'pin'; position: number } | { kind: 'buryItem' } | { kind: 'buryBrand' } | { kind: 'hide' };

/** A bury from a card sends the items to the bottom of what the search found (the whole score range). */
export const CARD_BURY_STRENGTH = 1;

/** Where a card's rule applies: the query as typed (exact match), or the one category the results are narrowed to. */
export type CardScope = { type: 'query'; query: string } | { type: 'category'; category: string };

/** Browsing one category (exactly one category facet ticked) scopes rules to it; otherwise they are rules for this query. */
export function cardScope(query: string, selection: FacetSelection): CardScope {
  const categories = selection.categories ?? [];
  if (categories.length === 1 && categories[0]) return { type: 'category', category: categories[0] };
  return { type: 'query', query: query.trim() };
}

/**
 * `What (where)` as a rule's note, within the contract's limit: a long category path is cut (an
 * ellipsis says so, and never half a surrogate pair) rather than have the engine refuse the rule.
 */
export function cardNote(what: string, on: string): string {
  const full = `${what} (${on})`;
  if (full.length <= MAX_RULE_NOTE_CHARS) return full;
  let end = Math.max(0, MAX_RULE_NOTE_CHARS - what.length - ' (…)'.length);
  if (/[\uD800-\uDBFF]/.test(on.charAt(end - 1))) end--;
  return `${what} (${on.slice(0, end)}…)`;
}

/** The rule a card action creates for this item in this scope (null: a brand bury on an item without a brand). */
export function cardRule(action: CardAction, item: Pick<RankedItem, 'itemId' | 'brand'>, scope: CardScope): RuleInput | null {
  const where: Pick<RuleInput, 'query' | 'category' | 'slot'> =
    scope.type === 'query' ? { query: { match: 'exact', text: scope.query }, category: null, slot: 'search' } : { query: null, category: scope.category, slot: '*' };
  const on = scope.type === 'query' ? `"${scope.query}"` : scope.category;
  switch (action.kind) {
    case 'pin':
      return { kind: 'pin', target: { type: 'item', itemId: item.itemId }, position: action.position, ...where, note: cardNote(`Pinned at ${action.position} from the Search page`, on) };
    case 'buryItem':
      return { kind: 'bury', target: { type: 'item', itemId: item.itemId }, strength: CARD_BURY_STRENGTH, ...where, note: cardNote('Buried from the Search page', on) };
    case 'buryBrand':
      if (!item.brand) return null;
      return { kind: 'bury', target: { type: 'brand', brand: item.brand }, strength: CARD_BURY_STRENGTH, ...where, note: cardNote('Brand buried from the Search page', on) };
    case 'hide':
      return { kind: 'filter', target: { type: 'item', itemId: item.itemId }, ...where, note: cardNote('Hidden from the Search page', on) };
  }
}
