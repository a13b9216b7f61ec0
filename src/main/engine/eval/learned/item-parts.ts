import { resolveDatasetPath } from '../../datasets/dataset-location';
import { denseAttributes, readDatasetAttributes } from '../../datasets/item-attributes';
import { hasItemTexts } from '../../datasets/item-texts';
import { attributeTable, type ItemAttributeTable } from '../../training/model/item-attributes';
import type { TextTable } from '../../training/model/item-vectors';
import { datasetTextTable } from './dataset-text-table';

/** What a research set gives the intent model besides item ids: frozen text vectors and attribute ids. */
export interface ItemParts {
  text: TextTable | null;
  attributes: ItemAttributeTable | null;
}

/** Which parts a set has: text (items.tsv or `<prefix>.text`) and attributes (`<Name>_item2attributes.json`). */
export function availableItemParts(source: string): { text: boolean; attributes: boolean } {
  let folder: string;
  try {
    folder = resolveDatasetPath(source);
  } catch {
    return { text: false, attributes: false };
  }
  let text = false;
  try {
    text = hasItemTexts(folder);
  } catch {
    text = false;
  }
  return { text, attributes: readDatasetAttributes(folder) !== null };
}

/** The attribute table of a set in its dense item order, or null when the set has none. */
export function datasetAttributeTable(source: string, itemIds: readonly string[]): ItemAttributeTable | null {
  const read = readDatasetAttributes(resolveDatasetPath(source));
  if (read === null) return null;
  const dense = denseAttributes(read, itemIds);
  return attributeTable(dense.perItem, dense.count);
}

/** Loads the parts a model asks for; asking for one the set does not have is an error that names it. */
export async function loadItemParts(source: string, itemIds: readonly string[], want: { text: boolean; attributes: boolean }, log: (line: string) => void): Promise<ItemParts> {
  let text: TextTable | null = null;
  if (want.text) {
    const t = await datasetTextTable(source, itemIds, log);
    text = t.table;
    log(`intent: text vectors ${t.cached ? 'from cache' : 'computed'} in ${t.seconds.toFixed(1)} s`);
  }
  let attributes: ItemAttributeTable | null = null;
  if (want.attributes) {
    attributes = datasetAttributeTable(source, itemIds);
    if (attributes === null) throw new Error(`intent: attrs=1 but ${source} has no <Name>_item2attributes.json`);
    log(`intent: ${attributes.count} item attributes over ${itemIds.length} items`);
  }
  return { text, attributes };
}
