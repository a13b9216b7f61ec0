import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';

/**
 * Frozen configurations: `eval/frozen/<dataset>.json`, under version control. A configuration is
 * chosen on the validation fold and frozen here (`--freeze`) with the validation run that chose
 * it; only then may the test fold be run for it, and the test result records the file, the key and
 * a digest of the entry it used. The key is the spec as typed (`intent:auto`, `transitions`,
 * `intent:text=0,attrs=1`); `spec` is what is trained (for `…:auto`, the selected configuration).
 */
export const FROZEN_DIR = 'eval/frozen';

export const FrozenEntry = z.object({
  spec: z.string(),
  frozenAt: z.string(),
  codeVersion: z.object({ sha: z.string().nullable(), dirty: z.boolean() }),
  /** The stored validation run(s) that chose or measured it, relative to the repository. */
  validationRuns: z.array(z.string()),
  /** Validation figures (mean over the seeds when several ran). */
  validation: z.record(z.string(), z.number()),
  seeds: z.array(z.number().int()),
  /** For an automatic selection: what was tried and why this was chosen. */
  selection: z.unknown().optional(),
  note: z.string().optional(),
});
export type FrozenEntry = z.infer<typeof FrozenEntry>;

const FrozenFile = z.object({ dataset: z.string(), configs: z.record(z.string(), FrozenEntry) });
type FrozenFile = z.infer<typeof FrozenFile>;

export interface FrozenRef {
  /** Relative to the repository root, e.g. `eval/frozen/beauty.json`. */
  file: string;
  key: string;
  spec: string;
  /** SHA-256 of the entry as stored, so a later edit of the file is visible. */
  entrySha256: string;
}

function fileOf(repoRoot: string, dataset: string): string {
  return join(repoRoot, FROZEN_DIR, `${dataset.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`);
}

function readFrozen(path: string, dataset: string): FrozenFile {
  if (!existsSync(path)) return { dataset, configs: {} };
  const parsed = FrozenFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not a frozen-configuration file: ${parsed.error.message}`);
  return parsed.data;
}

function digest(entry: FrozenEntry): string {
  return createHash('sha256').update(JSON.stringify(entry)).digest('hex');
}

/** The frozen entry for `key` on `dataset`; throws with what to do when there is none (a test run needs one). */
export function requireFrozen(repoRoot: string, dataset: string, key: string): { entry: FrozenEntry; ref: FrozenRef } {
  const path = fileOf(repoRoot, dataset);
  const entry = readFrozen(path, dataset).configs[key];
  if (entry === undefined) {
    throw new Error(
      `"${key}" is not frozen for ${dataset} (${relative(repoRoot, path)}): the test fold runs only frozen configurations. ` +
        `Choose it on the validation fold and freeze it first: npm run eval -- --dataset ${dataset} --model '${key}' --freeze`,
    );
  }
  return { entry, ref: { file: relative(repoRoot, path).split('\\').join('/'), key, spec: entry.spec, entrySha256: digest(entry) } };
}

/** Writes (or replaces) the entry for `key`; returns the file, relative to the repository. */
export function freezeConfig(repoRoot: string, dataset: string, key: string, entry: FrozenEntry): string {
  const path = fileOf(repoRoot, dataset);
  const file = readFrozen(path, dataset);
  file.configs[key] = entry;
  mkdirSync(join(repoRoot, FROZEN_DIR), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return relative(repoRoot, path).split('\\').join('/');
}
