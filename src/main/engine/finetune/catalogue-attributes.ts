import type { Database } from 'better-sqlite3';
import { categoryNodes } from '../retrieval/category-path';
import { attributeTable, type ItemAttributeTable } from '../training/model/item-attributes';

/**
 * The store catalogue's item features for the intent model beyond text: the brand, every node of
 * the category path ("Beauty", "Beauty > Skin Care", ...) and a price band (powers of two:
 * "price:4" = 16 ≤ price < 32), each an attribute row of `item.attr`. Attribute ids are numbered in
 * item order, so the same catalogue always gives the same table; null when no item has any.
 */
export function catalogueAttributes(db: Database, itemIds: readonly string[]): ItemAttributeTable | null {
  const rows = db.prepare('SELECT item_id, brand, category, price FROM items').all() as { item_id: string; brand: string | null; category: string | null; price: number | null }[];
  const byId = new Map(rows.map((r) => [r.item_id, r]));
  const index = new Map<string, number>();
  const id = (name: string): number => {
    let at = index.get(name);
    if (at === undefined) {
      at = index.size;
      index.set(name, at);
    }
    return at;
  };
  const perItem = itemIds.map((itemId) => {
    const r = byId.get(itemId);
    if (r === undefined) return [];
    const names = [
      ...(r.brand !== null && r.brand.trim() !== '' ? [`brand:${r.brand.trim().toLowerCase()}`] : []),
      ...categoryNodes(r.category).map((node) => `category:${node}`),
      ...(r.price !== null && Number.isFinite(r.price) && r.price > 0 ? [`price:${priceBand(r.price)}`] : []),
    ];
    return names.map(id);
  });
  return index.size === 0 ? null : attributeTable(perItem, index.size);
}

/** floor(log2(price)): bands a factor of two wide. */
export function priceBand(price: number): number {
  return Math.floor(Math.log2(price));
}
