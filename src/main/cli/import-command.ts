import { existsSync } from 'node:fs';
import { IMPORT_FORMATS, type ImportFormat, type ImportReport, type ImportTarget } from '../../shared/contract';
import type { Engine } from '../engine/engine';
import { IMPORT_ENCODINGS, type ImportEncoding } from '../engine/import/text-decoding';
import { UsageError } from './options';

/** Imports each file in turn, streamed from disk; UTF-16 files are recognised by their byte-order mark. */
export async function importFiles(engine: Engine, files: string[], format: string | undefined, target: string | undefined, encoding?: string): Promise<ImportReport[]> {
  if (files.length === 0) throw new UsageError('import: name at least one file');
  const fmt = (format ?? guessFormat(files[0] ?? '')) as ImportFormat;
  if (!IMPORT_FORMATS.includes(fmt)) throw new UsageError(`--format: expected one of ${IMPORT_FORMATS.join(', ')}, got ${format}`);
  const tgt = (target ?? 'events') as ImportTarget;
  if (tgt !== 'events' && tgt !== 'catalog') throw new UsageError(`--target: expected events or catalog, got ${target}`);
  const enc = (encoding ?? 'utf-8') as ImportEncoding;
  if (!IMPORT_ENCODINGS.includes(enc)) throw new UsageError(`--encoding: expected ${IMPORT_ENCODINGS.join(' or ')}, got ${encoding}`);
  for (const file of files) if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const reports: ImportReport[] = [];
  for (const file of files) reports.push(await engine.imports.importFile(file, fmt, tgt, { encoding: enc }));
  return reports;
}

function guessFormat(file: string): string {
  return /\.jsonl?$/i.test(file) ? 'jsonl' : 'csv';
}
