import type { RuleTarget } from '../../../../shared/contract/recommendations';
import type { RankingCandidate } from '../scoring/candidate';

/** The separator of category paths ("Beauty > Skin Care > Serums"). */
export const CATEGORY_SEPARATOR = ' > ';

type Matchable = Pick<RankingCandidate, 'itemId' | 'brand' | 'category' | 'attributes' | 'inStock'>;

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Is `category` the node `node` or below it? Case-insensitive. */
export function categoryContains(node: string, category: string): boolean {
  const c = category.trim().toLowerCase();
  const n = node.trim().toLowerCase();
  return c === n || c.startsWith(n + CATEGORY_SEPARATOR.toLowerCase());
}

/** Does a rule's target match this item? Categories match their node and everything below it; text compares case-insensitively. */
export function matchesTarget(target: RuleTarget, item: Matchable): boolean {
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
      return typeof value === 'string' && typeof target.value === 'string' ? sameText(value, target.value) : value === target.value;
    }
    case 'outOfStock':
      return item.inStock === false;
    case 'all':
      return true;
  }
}
