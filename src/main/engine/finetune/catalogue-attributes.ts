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
  const build = new AttributeBuild(db);
  const perItem = itemIds.map((itemId) => build.item(itemId));
  return build.table(perItem);
}

/** The same table, `ATTRIBUTE_SLICE` items at a time with a yield to the event loop between slices (a fine-tune job's read). */
export async function catalogueAttributesAsync(db: Database, itemIds: readonly string[]): Promise<ItemAttributeTable | null> {
  const build = new AttributeBuild(db);
  const perItem: number[][] = [];
  for (let start = 0; start < itemIds.length; start += ATTRIBUTE_SLICE) {
    for (const itemId of itemIds.slice(start, start + ATTRIBUTE_SLICE)) perItem.push(build.item(itemId));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return build.table(perItem);
}

/** Items per slice of `catalogueAttributesAsync`. */
export const ATTRIBUTE_SLICE = 10_000;

type ItemRow = { item_id: string; brand: string | null; category: string | null; price: number | null };

/** Attribute ids numbered in the order items are asked for. */
class AttributeBuild {
  private readonly byId: Map<string, ItemRow>;
  private readonly index = new Map<string, number>();

  constructor(db: Database) {
    const rows = db.prepare('SELECT item_id, brand, category, price FROM items').all() as ItemRow[];
    this.byId = new Map(rows.map((r) => [r.item_id, r]));
  }

  item(itemId: string): number[] {
    const r = this.byId.get(itemId);
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
