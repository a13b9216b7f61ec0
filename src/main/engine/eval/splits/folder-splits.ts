import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { givenSplit, type GivenSplitRow } from '../protocols/given-split';
import { leaveOneOutSplit } from '../protocols/leave-one-out';
import { sessionNextItemFold } from '../protocols/session-next-item';
import { groupSessions } from '../protocols/sessions';
import { DatasetImportReport } from '../../datasets/import-report';
import { ItemIndex } from '../../datasets/item-index';
import { importItemTitles } from '../../datasets/item-titles';
import type { LoadedSplit } from './load-split';
import { importAtomicFile, tokenField, tokenSeqField } from '../../datasets/recbole-atomic';
import { readLines } from '../../datasets/line-reader';
import { importSequenceLines } from '../../datasets/sequence-lines';
import { importSessionTsv } from '../../datasets/session-tsv';

/** Sequence-per-line data (Beauty.txt) + optional title table, which fixes the full item universe. */
export async function loadSequenceFolder(label: string, sequenceFile: string, titlesFile: string | null): Promise<LoadedSplit> {
  const index = new ItemIndex();
  const reports: DatasetImportReport[] = [];
  if (titlesFile !== null) {
    const titles = await importItemTitles(titlesFile);
    reports.push(titles.report);
    for (const t of titles.items) index.intern(t.itemId);
  }
  const { sequences, report } = await importSequenceLines(sequenceFile);
  reports.push(report);
  const encoded = sequences.map((s) => index.encode(s.items));
  return { split: leaveOneOutSplit(label, index.ids, sequences.map((s) => s.userId), encoded), reports };
}

/** RecBole split files `<prefix>.{valid,test}.inter`; `<prefix>.item2index` (when present) fixes the universe. */
export async function loadGivenSplitFolder(label: string, folder: string, prefix: string): Promise<LoadedSplit> {
  const index = new ItemIndex();
  const reports: DatasetImportReport[] = [];
  const universe = await readItemTokens(join(folder, `${prefix}.item2index`));
  if (universe !== null) {
    reports.push(universe.report);
    // item2index maps source id -> token; the .inter files use the token, so intern tokens in order.
    for (const token of universe.tokens.sort((a, b) => Number(a) - Number(b))) index.intern(token);
  }
  const rows = async (split: 'valid' | 'test'): Promise<GivenSplitRow[]> => {
    const file = await importAtomicFile(join(folder, `${prefix}.${split}.inter`));
    reports.push(file.report);
    return file.rows.map((r) => ({
      userId: tokenField(r, 'user_id'),
      history: index.encode(tokenSeqField(r, 'item_id_list')),
      target: index.intern(tokenField(r, 'item_id')),
    }));
  };
  const validRows = await rows('valid');
  const testRows = await rows('test');
  return { split: givenSplit(label, index.ids, validRows, testRows), reports };
}

/** `item2index` files are headerless `source<TAB>token` pairs, not typed atomic files. */
async function readItemTokens(path: string): Promise<{ tokens: string[]; report: DatasetImportReport } | null> {
  if (!existsSync(path)) return null;
  const report = new DatasetImportReport(path);
  const tokens: string[] = [];
  for await (const { lineNumber, text } of readLines(path)) {
    const token = text.split('\t')[1]?.trim();
    if (token === undefined || !/^\d+$/.test(token)) report.reject(lineNumber, 'token', `not an integer token: "${token ?? ''}"`);
    else {
      tokens.push(token);
      report.accept();
    }
  }
  return { tokens, report };
}

/** session-rec folders: `*_train_full.txt` / `*_test.txt` for testing, `*_train_tr.txt` / `*_train_valid.txt` for tuning. */
export async function loadSessionFolder(label: string, folder: string, files: string[]): Promise<LoadedSplit> {
  const find = (suffix: string): string => {
    const f = files.find((name) => name.endsWith(suffix));
    if (f === undefined) throw new Error(`${folder} has no *${suffix}`);
    return join(folder, f);
  };
  const reports: DatasetImportReport[] = [];
  const sessionsOf = async (suffix: string) => {
    const { events, report } = await importSessionTsv(find(suffix));
    reports.push(report);
    return groupSessions(events);
  };
  const index = new ItemIndex();
  const test = sessionNextItemFold(index, await sessionsOf('_train_full.txt'), await sessionsOf('_test.txt'));
  const validation = sessionNextItemFold(index, await sessionsOf('_train_tr.txt'), await sessionsOf('_train_valid.txt'));
  // One shared index: both folds must score the same universe.
  test.train.numItems = index.size;
  validation.train.numItems = index.size;
  return { split: { dataset: label, protocol: 'session-next-item', itemIds: index.ids, validation, test }, reports };
}
