import { PROTOTYPE_KEYS, prototypeKeyReason } from '../../../shared/contract';
import { FieldError, optionalBoolean, optionalNumber, optionalObject, optionalString, pick } from './field-coercion';
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
    if (!m?.[1] || value === undefined || value === '') continue;
    // Assigning `__proto__` would set the object's prototype instead of adding an attribute.
    if (PROTOTYPE_KEYS.has(m[1])) throw new FieldError(key, prototypeKeyReason(m[1]));
    attributes[m[1]] = value;
  }
  return withoutUndefined({
    itemId: optionalString(pick(record, NAMES.itemId), 'itemId'),
    title: optionalString(pick(record, NAMES.title), 'title'),
    brand: optionalString(pick(record, NAMES.brand), 'brand'),
    category: optionalString(pick(record, NAMES.category), 'category'),
    price: optionalNumber('price', pick(record, NAMES.price)),
    attributes: Object.keys(attributes).length ? attributes : undefined,
    inStock: optionalBoolean('inStock', pick(record, NAMES.inStock)),
    imageUrl: optionalString(pick(record, NAMES.imageUrl), 'imageUrl'),
  });
}
