import { DatasetImportReport } from './import-report';
import { readLines } from './line-reader';

export interface ItemTitle {
  itemId: string;
  sourceId: string;
  title: string;
}

/**
 * Item title table `item_id<TAB>asin<TAB>title` (header row). An empty title is kept (Beauty has
 * seven): the item still exists in the catalogue and full ranking must include it.
 */
export async function importItemTitles(path: string): Promise<{ items: ItemTitle[]; report: DatasetImportReport }> {
  const report = new DatasetImportReport(path);
  const items: ItemTitle[] = [];
  let sawHeader = false;
  for await (const { lineNumber, text } of readLines(path)) {
    if (!sawHeader) {
      sawHeader = true;
      if (!text.startsWith('item_id\t')) report.reject(lineNumber, 'header', 'expected item_id<TAB>asin<TAB>title');
      continue;
    }
    if (text.trim() === '') continue;
    const cells = text.split('\t');
    const [itemId, sourceId] = cells;
    if (itemId === undefined || itemId.trim() === '') {
      report.reject(lineNumber, 'item_id', 'missing');
      continue;
    }
    if (sourceId === undefined || sourceId.trim() === '') {
      report.reject(lineNumber, 'asin', 'missing');
      continue;
    }
    items.push({ itemId: itemId.trim(), sourceId: sourceId.trim(), title: cells.slice(2).join('\t').trim() });
    report.accept();
  }
  return { items, report };
}
