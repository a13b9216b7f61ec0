import type { CatalogItem } from '../../../shared/contract/catalog';
import { Random } from './random';
import { shopLeafFor } from './vocabulary';

/** All items of one category, with what shoppers need to find and weigh them. */
export interface Shelf {
  readonly category: string;
  /** First segment of the category path; shelves of one department are neighbours. */
  readonly department: string;
  readonly items: readonly CatalogItem[];
  /** Lower-cased titles, aligned with `items`, for matching search queries. */
  readonly searchableTitles: readonly string[];
  /** How often an item draws attention regardless of intent (a few bestsellers, a long tail); aligned with `items`. */
  readonly popularity: Float64Array;
  /** Median price of the priced items; undefined when none has a price. */
  readonly medianPrice: number | undefined;
  readonly brands: readonly string[];
  /** Lower-case words shoppers type for this category. */
  readonly queryNouns: readonly string[];
  readonly queryAdjectives: readonly string[];
  /** Bought several at a time. */
  readonly consumable: boolean;
  /** Other shelves of the same department (all other shelves when it has none). */
  neighbours: readonly Shelf[];
}

export interface ShopFloor {
  readonly shelves: readonly Shelf[];
  /** Item count per shelf, aligned with `shelves`: big categories draw more shoppers. */
  readonly shelfWeights: readonly number[];
}

export const UNCATEGORISED = 'Uncategorised';

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function stockShelf(category: string, items: CatalogItem[], rng: Random): Shelf {
  const known = shopLeafFor(category);
  const lastSegment = category.split('>').pop()?.trim().toLowerCase() ?? category.toLowerCase();
  const popularity = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) popularity[i] = Math.exp(1.1 * rng.normal());
  const prices: number[] = [];
  const brands = new Set<string>();
  for (const item of items) {
    if (item.price !== undefined) prices.push(item.price);
    if (item.brand !== undefined && item.brand !== '') brands.add(item.brand);
  }
  return {
    category,
    department: category.split('>')[0]?.trim() ?? category,
    items,
    searchableTitles: items.map((i) => i.title.toLowerCase()),
    popularity,
    medianPrice: median(prices),
    brands: [...brands].sort(),
    queryNouns: known ? known.leaf.nouns.map((n) => n.toLowerCase()) : [lastSegment],
    queryAdjectives: known ? known.leaf.adjectives.map((a) => a.toLowerCase()) : [],
    consumable: known?.leaf.consumable === true,
    neighbours: [],
  };
}

/**
 * Groups any catalogue (the demo one or a real import) into shelves by category.
 * Shelves keep the catalogue's first-seen order, so the result depends only on the catalogue and seed.
 */
export function arrangeShopFloor(catalog: readonly CatalogItem[], seed: number): ShopFloor {
  const byCategory = new Map<string, CatalogItem[]>();
  for (const item of catalog) {
    const category = item.category !== undefined && item.category.trim() !== '' ? item.category : UNCATEGORISED;
    let list = byCategory.get(category);
    if (list === undefined) {
      list = [];
      byCategory.set(category, list);
    }
    list.push(item);
  }
  const rng = Random.stream(seed, 'popularity');
  const shelves = [...byCategory].map(([category, items]) => stockShelf(category, items, rng));
  for (const shelf of shelves) {
    const sameDepartment = shelves.filter((s) => s !== shelf && s.department === shelf.department);
    shelf.neighbours = sameDepartment.length > 0 ? sameDepartment : shelves.filter((s) => s !== shelf);
  }
  return { shelves, shelfWeights: shelves.map((s) => s.items.length) };
}
