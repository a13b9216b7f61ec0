import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EvalSplit } from '../protocols/types';
import { detectFolderLayout, loadEventLogSplit } from './event-log-splits';
import { resolveDatasetPath } from '../../datasets/dataset-location';
import type { DatasetImportReport } from '../../datasets/import-report';
import { loadGivenSplitFolder, loadSequenceFolder, loadSessionFolder } from './folder-splits';

export interface LoadedSplit {
  split: EvalSplit;
  /** Import reports of every file read; a non-empty rejection list should be shown to the user. */
  reports: DatasetImportReport[];
}

/**
 * Turns a dataset name or path into an evaluation split with the protocol that fits its format:
 * sequence files -> leave-one-out, RecBole .inter split files -> given split, session-rec
 * train/test files -> session next-item, a single event log -> temporal split + next-item.
 */
export async function loadSplit(nameOrPath: string): Promise<LoadedSplit> {
  const path = resolveDatasetPath(nameOrPath);
  const label = basename(path);
  if (!statSync(path).isDirectory()) return loadEventLogSplit(label, path);
  const files = readdirSync(path);
  const has = (suffix: string): string | undefined => files.find((f) => f.endsWith(suffix));
  const sequenceFile = files.find((f) => /^[A-Za-z]+\.txt$/.test(f));
  const testInter = has('.test.inter');
  if (testInter !== undefined) return loadGivenSplitFolder(datasetLabel(nameOrPath, testInter.replace('.test.inter', '')), path, testInter.replace('.test.inter', ''));
  if (has('_train_full.txt') !== undefined) return loadSessionFolder(datasetLabel(nameOrPath, label), path, files);
  if (sequenceFile !== undefined) return loadSequenceFolder(datasetLabel(nameOrPath, sequenceFile.replace('.txt', '')), join(path, sequenceFile), existsSync(join(path, 'items.tsv')) ? join(path, 'items.tsv') : null);
  const log = detectFolderLayout(path, files);
  if (log !== null) return loadEventLogSplit(datasetLabel(nameOrPath, label), log);
  throw new Error(`no known dataset layout in ${path}`);
}

/** Results are keyed by the name the user typed when it is a known set, else by the folder's own name. */
function datasetLabel(nameOrPath: string, fallback: string): string {
  return /^[a-z0-9-]+$/.test(nameOrPath) ? nameOrPath : fallback.toLowerCase();
}
