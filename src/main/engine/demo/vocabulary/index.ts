import { BEAUTY, FASHION, PETS, SPORTS, TOYS } from './departments-lifestyle';
import { ELECTRONICS, GARDEN, GROCERY, HOME, OFFICE } from './departments-household';
import type { Department, LeafCategory } from './types';

export type { AttributeAxis, Department, LeafCategory, TitlePlacement } from './types';

/** The demo shop's departments, in a fixed order (the order is part of the generator's determinism). */
export const DEPARTMENTS: readonly Department[] = [
  BEAUTY, ELECTRONICS, HOME, FASHION, SPORTS, TOYS, GROCERY, PETS, OFFICE, GARDEN,
];

/** Product-line names some listings carry after the brand. */
export const SERIES_NAMES: readonly string[] = [
  'Pro', 'Air', 'Lite', 'Max', 'Plus', 'Elite', 'Classic', 'One', 'Edge', 'Nova', 'Flex', 'Studio', 'Go', 'Prime',
];

/** A leaf category together with its department and full path. */
export interface ShopLeaf {
  readonly department: Department;
  readonly leaf: LeafCategory;
  /** `Department > Middle > Leaf`, the string stored on catalogue items. */
  readonly category: string;
}

export const SHOP_LEAVES: readonly ShopLeaf[] = DEPARTMENTS.flatMap((department) =>
  department.leaves.map((leaf) => ({ department, leaf, category: [department.name, ...leaf.path].join(' > ') })),
);

const LEAF_BY_CATEGORY: ReadonlyMap<string, ShopLeaf> = new Map(SHOP_LEAVES.map((l) => [l.category, l]));

/** The vocabulary behind a category path, when the path is one of the demo shop's own. */
export function shopLeafFor(category: string): ShopLeaf | undefined {
  return LEAF_BY_CATEGORY.get(category);
}
