import { DatasetImportReport } from './import-report';
import { readLines } from './line-reader';

export interface UserSequence {
  userId: string;
  /** Item ids, oldest first. */
  items: string[];
}

const INTEGER_TOKEN = /^\d+$/;

/**
 * One-sequence-per-line files (S3-Rec / P5 `Beauty.txt`): `user_id item_id item_id ...`,
 * space separated and chronological. Ids must be integers; a line with a bad token or no item is
 * rejected whole, because dropping one token would silently shift the user's sequence.
 */
export async function importSequenceLines(path: string): Promise<{ sequences: UserSequence[]; report: DatasetImportReport }> {
  const report = new DatasetImportReport(path);
  const sequences: UserSequence[] = [];
  for await (const { lineNumber, text } of readLines(path)) {
    if (text.trim() === '') continue;
    const [userId, ...items] = text.trim().split(/\s+/);
    if (userId === undefined || !INTEGER_TOKEN.test(userId)) {
      report.reject(lineNumber, 'user_id', `not an integer id: "${userId ?? ''}"`);
      continue;
    }
    const bad = items.findIndex((t) => !INTEGER_TOKEN.test(t));
    if (bad >= 0) {
      report.reject(lineNumber, `item_id[${bad}]`, `not an integer id: "${items[bad]}"`);
      continue;
    }
    if (items.length === 0) {
      report.reject(lineNumber, 'item_id', 'user has no items');
      continue;
    }
    sequences.push({ userId, items });
    report.accept();
  }
  return { sequences, report };
}
