import type { RuleTarget } from '../../../../shared/contract/recommendations';
import type { RankingCandidate } from '../scoring/candidate';

/** The separator of category paths ("Beauty > Skin Care > Serums"). */
export const CATEGORY_SEPARATOR = ' > ';

type Matchable = Pick<RankingCandidate, 'itemId' | 'brand' | 'category' | 'attributes' | 'inStock'>;

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Does a rule's target match this item? Categories match their node and everything below it; text compares case-insensitively. */
export function matchesTarget(target: RuleTarget, item: Matchable): boolean {
  switch (target.type) {
    case 'item':
      return item.itemId === target.itemId;
    case 'brand':
      return item.brand !== undefined && sameText(item.brand, target.brand);
    case 'category': {
      if (item.category === undefined) return false;
      const category = item.category.trim().toLowerCase();
      const node = target.category.trim().toLowerCase();
      return category === node || category.startsWith(node + CATEGORY_SEPARATOR.toLowerCase());
    }
    case 'attribute': {
      const value = item.attributes?.[target.name];
      if (value === undefined) return false;
      return typeof value === 'string' && typeof target.value === 'string' ? sameText(value, target.value) : value === target.value;
    }
    case 'outOfStock':
      return item.inStock === false;
  }
}
