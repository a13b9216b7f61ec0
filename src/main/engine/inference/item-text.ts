/**
 * The one string the text encoder sees for a catalogue item, and its content hash. Only
 * fields that change the text change the hash, so a price update never re-embeds an item.
 */
import { createHash } from 'node:crypto';
import type { CatalogItem } from '../../../shared/contract/catalog';

export type ItemTextFields = Pick<CatalogItem, 'title' | 'brand' | 'category' | 'attributes'>;

export function itemText(item: ItemTextFields): string {
  const parts = [item.title.trim()];
  if (item.brand?.trim()) parts.push(`brand: ${item.brand.trim()}`);
  if (item.category?.trim()) parts.push(`category: ${item.category.trim()}`);
  // Sorted keys: the same attributes in another order must give the same text and hash.
  const attrs = Object.entries(item.attributes ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}: ${typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)}`);
  if (attrs.length > 0) parts.push(attrs.join(', '));
  return parts.join(' | ');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}
