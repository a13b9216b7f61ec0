/** Shared test set-up: a real store in a temp folder with a small catalogue, and .npy writing. */
import type { Database } from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogRepository, ItemVectorRepository, openDatabase } from '../../../../src/main/engine/store';
import { VisualService } from '../../../../src/main/engine/visual';
import { tempDir } from '../../../helpers/temp-dir';

export interface VisualStore {
  dir: string;
  db: Database;
  visual: VisualService;
  itemVectors: ItemVectorRepository;
  write(name: string, content: string | Uint8Array): string;
  cleanup(): void;
}

/** Items sku-1 … sku-<n> in a fresh SQLite file with the real migrations. */
export function visualStore(items = 6): VisualStore {
  const { dir, cleanup } = tempDir('instinct-visual-');
  const db = openDatabase(join(dir, 'instinct.db'));
  new CatalogRepository(db).upsertItems(Array.from({ length: items }, (_, i) => ({ itemId: `sku-${i + 1}`, title: `Item ${i + 1}` })));
  const itemVectors = new ItemVectorRepository(db);
  return {
    dir,
    db,
    itemVectors,
    visual: new VisualService(db, itemVectors),
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => {
      db.close();
      cleanup();
    },
  };
}

export interface NpyOptions {
  descr?: string;
  fortran?: boolean;
  shape?: string;
  version?: 1 | 2;
}

/** A .npy file as numpy writes it: header padded with spaces to a multiple of 64, ending in a newline. */
export function npyBytes(rows: readonly (readonly number[])[], dtype: 'float32' | 'float64', options: NpyOptions = {}): Uint8Array {
  const cols = rows[0]?.length ?? 0;
  const descr = options.descr ?? (dtype === 'float32' ? '<f4' : '<f8');
  const shape = options.shape ?? `(${rows.length}, ${cols})`;
  let dict = `{'descr': '${descr}', 'fortran_order': ${options.fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const version = options.version ?? 1;
  const prefix = version === 1 ? 10 : 12;
  dict += ' '.repeat(63 - ((prefix + dict.length) % 64)) + '\n';
  const head = Buffer.alloc(prefix);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(head);
  if (version === 1) head.writeUInt16LE(dict.length, 8);
  else head.writeUInt32LE(dict.length, 8);
  const flat = rows.flat();
  const data = dtype === 'float32' ? Float32Array.from(flat) : Float64Array.from(flat);
  return Buffer.concat([head, Buffer.from(dict, 'latin1'), Buffer.from(data.buffer)]);
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}
