import type { RuleTarget } from '../../../../shared/contract/recommendations';
import type { RankingCandidate } from '../scoring/candidate';

/** The separator of category paths ("Beauty > Skin Care > Serums"). */
export const CATEGORY_SEPARATOR = ' > ';

type RuleAttributeValue = Extract<RuleTarget, { type: 'attribute' }>['value'];

type Matchable = Pick<RankingCandidate, 'itemId' | 'brand' | 'category' | 'attributes' | 'inStock'>;

/** The items of each collection a rule targets, read when the list's rules are (Ranker.plan); absent: no collection is targeted. */
export type TargetMembers = ReadonlyMap<string, ReadonlySet<string>>;

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * An item's attribute value against a rule's. CSV imports store every attribute as text while the API
 * and the rule form send 42 or true, so a value of another type compares by its text (42 matches
 * "42", true matches "TRUE"); text compares trimmed and case-insensitively. Runs per candidate: no
 * parsing, only `String` of a scalar. Non-scalars (a JSON import's nested object) never match.
 */
function sameAttributeValue(value: unknown, wanted: RuleAttributeValue): boolean {
  if (value === wanted) return true;
  if (typeof value === 'string') return sameText(value, String(wanted));
  if (typeof wanted === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return sameText(String(value), wanted);
  return false;
}

/** Is `category` the node `node` or below it? Case-insensitive. */
export function categoryContains(node: string, category: string): boolean {
  const c = category.trim().toLowerCase();
  const n = node.trim().toLowerCase();
  return c === n || c.startsWith(n + CATEGORY_SEPARATOR.toLowerCase());
}

/** Does a rule's target match this item? Categories match their node and everything below it; text compares case-insensitively. */
export function matchesTarget(target: RuleTarget, item: Matchable, members?: TargetMembers): boolean {
  switch (target.type) {
    case 'item':
      return item.itemId === target.itemId;
    case 'brand':
      return item.brand !== undefined && sameText(item.brand, target.brand);
    case 'category':
      return item.category !== undefined && categoryContains(target.category, item.category);
    case 'attribute': {
      const value = item.attributes?.[target.name];
      if (value === undefined) return false;
      return sameAttributeValue(value, target.value);
    }
    case 'outOfStock':
      return item.inStock === false;
    case 'all':
      return true;
    case 'collection':
      return members?.get(target.collection)?.has(item.itemId) ?? false;
  }
}
