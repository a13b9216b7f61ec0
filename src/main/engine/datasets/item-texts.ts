import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The text the encoder sees for each dense item of a research dataset folder: Beauty-style
 * `items.tsv` (item_id, asin, title) or a RecBole `<prefix>.text` keyed by ASIN with
 * `<prefix>.item2index` mapping ASIN -> token. Items without text get '' (still ranked).
 */
export function datasetItemTexts(folder: string, itemIds: readonly string[]): string[] {
  const byId = new Map<string, string>();
  const itemsTsv = join(folder, 'items.tsv');
  if (existsSync(itemsTsv)) {
    for (const line of lines(itemsTsv).slice(1)) {
      const cells = line.split('\t');
      if (cells[0] !== undefined) byId.set(cells[0].trim(), cells.slice(2).join(' ').trim());
    }
  } else {
    const prefix = readDirPrefix(folder);
    if (prefix === null) throw new Error(`no item text (items.tsv or <prefix>.text) in ${folder}`);
    const tokenOf = new Map<string, string>();
    for (const line of lines(join(folder, `${prefix}.item2index`))) {
      const [asin, token] = line.split('\t');
      if (asin !== undefined && token !== undefined) tokenOf.set(asin.trim(), token.trim());
    }
    for (const line of lines(join(folder, `${prefix}.text`)).slice(1)) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const token = tokenOf.get(line.slice(0, tab).trim());
      if (token !== undefined) byId.set(token, line.slice(tab + 1).trim());
    }
  }
  return itemIds.map((id) => byId.get(id) ?? '');
}

/** Whether a dataset folder carries item text (`items.tsv`, or a RecBole `<prefix>.text` with its `item2index`). */
export function hasItemTexts(folder: string): boolean {
  return existsSync(join(folder, 'items.tsv')) || readDirPrefix(folder) !== null;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
}

function readDirPrefix(folder: string): string | null {
  const candidates = ['Scientific', 'Office', 'Instruments', 'Arts', 'Pantry'];
  for (const p of candidates) if (existsSync(join(folder, `${p}.text`)) && existsSync(join(folder, `${p}.item2index`))) return p;
  return null;
}
