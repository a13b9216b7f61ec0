import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The named public sets and their folder under the shared datasets root. */
export const DATASET_FOLDERS = {
  beauty: 'amazon-beauty-2014',
  scientific: 'amazon-scientific-2018-unisrec',
  'yoochoose-100k': 'yoochoose-100k',
  'diginetica-sample': 'diginetica-sample',
} as const;
export type DatasetName = keyof typeof DATASET_FOLDERS;

export function isDatasetName(value: string): value is DatasetName {
  return Object.hasOwn(DATASET_FOLDERS, value);
}

function thisFolder(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/**
 * The shared datasets live beside the repository (`<repo>/../shared/datasets`) and must never be
 * copied into it. Resolved from this file's place in the repo, so the CLI works from any cwd;
 * INSTINCT_DATASETS overrides it (packaged builds, CI layouts).
 */
export function datasetsRoot(): string {
  const candidates = [
    process.env.INSTINCT_DATASETS,
    resolve(thisFolder(), '../../../../../shared/datasets'),
    resolve(process.cwd(), '../shared/datasets'),
  ].filter((c): c is string => c !== undefined && c !== '');
  const found = candidates.find((c) => existsSync(c) && statSync(c).isDirectory());
  if (found === undefined) throw new Error(`shared datasets folder not found (tried ${candidates.join(', ')}); set INSTINCT_DATASETS`);
  return found;
}

/** A dataset argument is either a known name or a path (absolute, or relative to the cwd). */
export function resolveDatasetPath(nameOrPath: string): string {
  if (isDatasetName(nameOrPath)) return resolve(datasetsRoot(), DATASET_FOLDERS[nameOrPath]);
  const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(process.cwd(), nameOrPath);
  if (!existsSync(path)) throw new Error(`dataset "${nameOrPath}" is neither a known name (${Object.keys(DATASET_FOLDERS).join(', ')}) nor an existing path`);
  return path;
}
