import BetterSqlite3, { type Database } from 'better-sqlite3';
import { secureStoreFiles } from './data-folder';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Durability = 'process-crash' | 'power-loss';

export interface OpenOptions {
  /** 'process-crash' (default): a committed transaction survives the app being killed. 'power-loss': fsync every commit too. */
  durability?: Durability;
  readonly?: boolean;
}

/** Opens (creating if needed) the store file, sets the pragmas we rely on and brings the schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  if (file !== ':memory:' && !options.readonly) secureStoreFiles(file);
  const db = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // 64 MiB of page cache keeps the hot index pages of a large events table in memory.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // A checkpoint copies each page once however often it changed: checkpointing every ~64 MiB
    // of WAL rather than every 4 MiB keeps single-event commits cheap. The WAL is cut back after.
    db.pragma('wal_autocheckpoint = 16000');
    db.pragma('journal_size_limit = 67108864');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL loses nothing on a process crash; FULL adds an fsync per commit for power loss.
      db.pragma(`synchronous = ${options.durability === 'power-loss' ? 'FULL' : 'NORMAL'}`);
      migrate(db, MIGRATIONS, file);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
