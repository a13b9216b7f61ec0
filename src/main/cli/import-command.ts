import { existsSync } from 'node:fs';
import { IMPORT_FORMATS, type ImportFormat, type ImportReport, type ImportTarget } from '../../shared/contract';
import type { Engine } from '../engine/engine';
import { UsageError } from './options';

export function importFiles(engine: Engine, files: string[], format: string | undefined, target: string | undefined): ImportReport[] {
  if (files.length === 0) throw new UsageError('import: name at least one file');
  const fmt = (format ?? guessFormat(files[0] ?? '')) as ImportFormat;
  if (!IMPORT_FORMATS.includes(fmt)) throw new UsageError(`--format: expected one of ${IMPORT_FORMATS.join(', ')}, got ${format}`);
  const tgt = (target ?? 'events') as ImportTarget;
  if (tgt !== 'events' && tgt !== 'catalog') throw new UsageError(`--target: expected events or catalog, got ${target}`);
  return files.map((file) => {
    if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
    return engine.imports.importFile(file, fmt, tgt);
  });
}

function guessFormat(file: string): string {
  return /\.jsonl?$/i.test(file) ? 'jsonl' : 'csv';
}
