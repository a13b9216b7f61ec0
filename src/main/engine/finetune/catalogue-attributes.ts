import type { Database } from 'better-sqlite3';
import { categoryNodes } from '../retrieval/category-path';
import { attributeTable, type ItemAttributeTable } from '../training/model/item-attributes';
import { nextTurn } from '../workers/time-slices';

/**
 * The store catalogue's item features for the intent model beyond text: the brand, every node of
 * the category path ("Beauty", "Beauty > Skin Care", ...) and a price band (powers of two:
 * "price:4" = 16 ≤ price < 32), each an attribute row of `item.attr`. Attribute ids are numbered in
 * item order, so the same catalogue always gives the same table; null when no item has any.
 */
export function catalogueAttributes(db: Database, itemIds: readonly string[]): ItemAttributeTable | null {
  const build = new AttributeBuild();
  const rows = byItemId(db.prepare(`SELECT ${ITEM_COLUMNS} FROM items`).all() as ItemRow[]);
  const perItem = itemIds.map((itemId) => build.item(rows.get(itemId)));
  return build.table(perItem);
}

/**
 * The same table, `sliceSize` items at a time with a yield to the event loop between slices (a
 * fine-tune job's read). `itemIds` must be in the store's `item_id` order (the job's catalogue is):
 * each slice reads only the rows between its first and last id.
 */
export async function catalogueAttributesAsync(db: Database, itemIds: readonly string[], sliceSize = ATTRIBUTE_SLICE): Promise<ItemAttributeTable | null> {
  const build = new AttributeBuild();
  const between = db.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE item_id >= ? AND item_id <= ?`);
  const perItem: number[][] = [];
  for (let start = 0; start < itemIds.length; start += sliceSize) {
    const slice = itemIds.slice(start, start + sliceSize);
    const rows = byItemId(between.all(slice[0], slice.at(-1)) as ItemRow[]);
    for (const itemId of slice) perItem.push(build.item(rows.get(itemId)));
    await nextTurn();
  }
  return build.table(perItem);
}

/** Items per slice of `catalogueAttributesAsync`. */
export const ATTRIBUTE_SLICE = 5_000;

const ITEM_COLUMNS = 'item_id, brand, category, price';
type ItemRow = { item_id: string; brand: string | null; category: string | null; price: number | null };

function byItemId(rows: readonly ItemRow[]): Map<string, ItemRow> {
  return new Map(rows.map((r) => [r.item_id, r]));
}

/** Attribute ids numbered in the order items are asked for. */
class AttributeBuild {
  private readonly index = new Map<string, number>();

  /** The attribute ids of an item's row (none for an item not in the store). */
  item(r: ItemRow | undefined): number[] {
    if (r === undefined) return [];
    const names = [
      ...(r.brand !== null && r.brand.trim() !== '' ? [`brand:${r.brand.trim().toLowerCase()}`] : []),
      ...categoryNodes(r.category).map((node) => `category:${node}`),
      ...(r.price !== null && Number.isFinite(r.price) && r.price > 0 ? [`price:${priceBand(r.price)}`] : []),
    ];
    return names.map((name) => this.id(name));
  }

  table(perItem: number[][]): ItemAttributeTable | null {
    return this.index.size === 0 ? null : attributeTable(perItem, this.index.size);
  }

  private id(name: string): number {
    let at = this.index.get(name);
    if (at === undefined) {
      at = this.index.size;
      this.index.set(name, at);
    }
    return at;
  }
}

/** floor(log2(price)): bands a factor of two wide. */
export function priceBand(price: number): number {
  return Math.floor(Math.log2(price));
}
