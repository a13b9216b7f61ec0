import { optionalBoolean, optionalNumber, optionalObject, optionalString, pick } from './field-coercion';
import { withoutUndefined } from './event-mapping';

const NAMES = {
  itemId: ['itemId', 'item_id', 'product_id', 'productId', 'id', 'sku'],
  title: ['title', 'name', 'product_name'],
  brand: ['brand'],
  category: ['category', 'category_code', 'category_path'],
  price: ['price'],
  attributes: ['attributes'],
  inStock: ['inStock', 'in_stock', 'available', 'availability'],
  imageUrl: ['imageUrl', 'image_url', 'image'],
} as const;

/** Columns named `attr_colour` or `attributes.colour` become attributes too (flat CSV exports). */
const ATTRIBUTE_COLUMN = /^(?:attr_|attributes\.)(.+)$/;

export function recordToItem(record: Record<string, unknown>): Record<string, unknown> {
  const attributes: Record<string, unknown> = { ...(optionalObject('attributes', pick(record, NAMES.attributes)) ?? {}) };
  for (const [key, value] of Object.entries(record)) {
    const m = ATTRIBUTE_COLUMN.exec(key);
    if (m?.[1] && value !== undefined && value !== '') attributes[m[1]] = value;
  }
  return withoutUndefined({
    itemId: optionalString(pick(record, NAMES.itemId)),
    title: optionalString(pick(record, NAMES.title)),
    brand: optionalString(pick(record, NAMES.brand)),
    category: optionalString(pick(record, NAMES.category)),
    price: optionalNumber('price', pick(record, NAMES.price)),
    attributes: Object.keys(attributes).length ? attributes : undefined,
    inStock: optionalBoolean('inStock', pick(record, NAMES.inStock)),
    imageUrl: optionalString(pick(record, NAMES.imageUrl)),
  });
}
