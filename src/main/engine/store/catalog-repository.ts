import type { Database, Statement } from 'better-sqlite3';
import type { CatalogItem, ListItemsRequest, ListItemsResult, StoredItem } from '../../../shared/contract';

interface ItemRow {
  item_id: string;
  title: string;
  brand: string | null;
  category: string | null;
  price: number | null;
  attributes: string | null;
  in_stock: number;
  image_url: string | null;
  updated_at: number;
}

function toStoredItem(row: ItemRow): StoredItem {
  return {
    itemId: row.item_id,
    title: row.title,
    ...(row.brand !== null ? { brand: row.brand } : {}),
    ...(row.category !== null ? { category: row.category } : {}),
    ...(row.price !== null ? { price: row.price } : {}),
    ...(row.attributes !== null ? { attributes: JSON.parse(row.attributes) as StoredItem['attributes'] } : {}),
    ...(row.image_url !== null ? { imageUrl: row.image_url } : {}),
    inStock: row.in_stock === 1,
    updatedAt: row.updated_at,
  };
}

/** The catalogue: items are upserted by id (a re-import updates them) and never deleted by an import. */
export class CatalogRepository {
  private readonly upsert: Statement;
  private readonly byId: Statement<[string], ItemRow>;
  private readonly listeners: ((itemIds: string[]) => void)[] = [];

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(`INSERT INTO items (item_id, title, brand, category, price, attributes, in_stock, image_url, updated_at)
      VALUES (@itemId, @title, @brand, @category, @price, @attributes, @inStock, @imageUrl, @updatedAt)
      ON CONFLICT (item_id) DO UPDATE SET title = excluded.title, brand = excluded.brand, category = excluded.category,
        price = excluded.price, attributes = excluded.attributes, in_stock = excluded.in_stock,
        image_url = excluded.image_url, updated_at = excluded.updated_at`);
    this.byId = db.prepare('SELECT * FROM items WHERE item_id = ?');
  }

  upsertItems(items: readonly CatalogItem[], now = Date.now()): number {
    this.db.transaction(() => {
      for (const item of items) {
        this.upsert.run({
          itemId: item.itemId,
          title: item.title,
          brand: item.brand ?? null,
          category: item.category ?? null,
          price: item.price ?? null,
          attributes: item.attributes === undefined ? null : JSON.stringify(item.attributes),
          inStock: item.inStock === false ? 0 : 1,
          imageUrl: item.imageUrl ?? null,
          updatedAt: now,
        });
      }
    })();
    const ids = items.map((i) => i.itemId);
    for (const listener of this.listeners) listener(ids);
    return items.length;
  }

  /** Called after every committed upsert with the ids written (caches and indexes follow the catalogue). */
  onUpsert(listener: (itemIds: string[]) => void): void {
    this.listeners.push(listener);
  }

  get(itemId: string): StoredItem | undefined {
    const row = this.byId.get(itemId);
    return row ? toStoredItem(row) : undefined;
  }

  list(req: ListItemsRequest): ListItemsResult {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (req.category !== undefined) {
      // A category filter matches the node and everything below it ("Beauty" matches "Beauty > Skin Care").
      where.push("(category = @category OR category LIKE @categoryPrefix ESCAPE '\\')");
      params.category = req.category;
      params.categoryPrefix = `${escapeLike(req.category)} > %`;
    }
    if (req.text !== undefined && req.text.trim() !== '') {
      where.push("(title LIKE @text ESCAPE '\\' OR brand LIKE @text ESCAPE '\\' OR item_id = @exact)");
      params.text = `%${escapeLike(req.text.trim())}%`;
      params.exact = req.text.trim();
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM items ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT * FROM items ${clause} ORDER BY item_id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: req.limit, offset: req.offset }) as ItemRow[];
    return { total, items: rows.map(toStoredItem) };
  }

  /** Every item, in id order (catalogue-wide jobs: embedding, index builds). */
  all(): StoredItem[] {
    return (this.db.prepare('SELECT * FROM items ORDER BY item_id').all() as ItemRow[]).map(toStoredItem);
  }

  /** The next `limit` items after `afterItemId` (null: from the first), in id order: a catalogue read in pages. */
  page(afterItemId: string | null, limit: number): StoredItem[] {
    return (this.db.prepare('SELECT * FROM items WHERE item_id > ? ORDER BY item_id LIMIT ?').all(afterItemId ?? '', limit) as ItemRow[]).map(toStoredItem);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
