import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A research set's item attributes, keyed by the set's own item ids, before dense indexing. */
export interface DatasetAttributes {
  file: string;
  /** Attribute ids (the file's own, as strings) of each item id that has any. */
  byItem: Map<string, string[]>;
}

/**
 * `<Name>_item2attributes.json` beside a sequence file (the S3-Rec layout of the shared Beauty
 * folder): `{"<item_id>": [<attribute id>, ...], ...}`, anonymous attribute ids (brand and category
 * nodes in the source). Returns null when the folder has no such file; throws with the file and the
 * reason when it is malformed.
 */
export function readDatasetAttributes(folder: string): DatasetAttributes | null {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return null;
  const name = readdirSync(folder).find((f) => f.endsWith('_item2attributes.json'));
  if (name === undefined) return null;
  const file = join(folder, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file}: expected an object of item id -> attribute ids`);
  const byItem = new Map<string, string[]>();
  for (const [itemId, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' && typeof v !== 'string')) throw new Error(`${file}: item ${itemId} has no list of attribute ids`);
    byItem.set(itemId, value.map((v) => String(v)));
  }
  return { file, byItem };
}

/**
 * Dense attribute ids per dense item (in `itemIds` order): ids are numbered in first-seen order over
 * the items, so the same catalogue always gives the same table. Items without attributes get [].
 */
export function denseAttributes(attributes: DatasetAttributes, itemIds: readonly string[]): { perItem: number[][]; count: number } {
  const index = new Map<string, number>();
  const perItem = itemIds.map((id) =>
    [...new Set(attributes.byItem.get(id) ?? [])].map((a) => {
      let at = index.get(a);
      if (at === undefined) {
        at = index.size;
        index.set(a, at);
      }
      return at;
    }),
  );
  return { perItem, count: index.size };
}
