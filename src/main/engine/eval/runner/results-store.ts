import type { StoredEvalResult } from '../../../../shared/contract/evaluation';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EvaluationResult } from './evaluation-result';

/** Default results folder, relative to the repo root; `.data/` is git-ignored. */
export const DEFAULT_RESULTS_DIR = '.data/eval-results';

/** File-system-safe form of a model spec, so `itemknn:lastN=5` becomes a folder name. */
export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._=-]+/g, '_').slice(0, 120);
}

/**
 * Writes a result as `<dir>/<dataset>/<model>/<version>.json`, version being the run's date plus
 * fold and masking, so re-runs never overwrite history and the console can show trends.
 */
export function storeEvalResult(dir: string, result: EvaluationResult): string {
  const folder = join(dir, slug(result.dataset), slug(result.model));
  mkdirSync(folder, { recursive: true });
  const version = `${result.date.replace(/[:.]/g, '-')}_${result.fold}${result.masked ? '_masked' : ''}`;
  const path = join(folder, `${version}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

export type { StoredEvalResult } from '../../../../shared/contract/evaluation';

/**
 * Lists stored results, newest first, for the console and the engine. Files that no longer parse
 * are skipped rather than failing the listing: one bad file must not hide the others.
 */
export function listEvalResults(dir: string = DEFAULT_RESULTS_DIR): StoredEvalResult[] {
  const found: StoredEvalResult[] = [];
  const walk = (folder: string, depth: number): void => {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(folder, name);
      if (depth < 2 && statSync(path).isDirectory()) walk(path, depth + 1);
      else if (depth === 2 && name.endsWith('.json')) {
        const parsed = EvaluationResult.safeParse(safeJson(path));
        if (parsed.success) found.push({ key: relative(dir, path).split('\\').join('/'), result: parsed.data });
      }
    }
  };
  walk(dir, 0);
  return found.sort((a, b) => b.result.date.localeCompare(a.result.date));
}

function safeJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return null;
  }
}
