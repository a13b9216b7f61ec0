import BetterSqlite3, { type Database } from 'better-sqlite3';
import { secureStoreFiles } from './data-folder';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Durability = 'process-crash' | 'power-loss';

/**
 * A checkpoint copies each page once however often it changed: checkpointing every ~64 MiB of WAL
 * rather than every 4 MiB keeps single-event commits cheap. The WAL is cut back after. SQLite
 * checks the bound only after a statement that returns no row, so the impression log's inserts
 * (`INSERT … RETURNING`, each its own commit) never checkpoint: under recommend load the WAL runs
 * past the bound until the roll-up flush's commit (once a second) checkpoints 16,000–25,000 frames.
 * Checkpointing at the bound exactly was tried and not kept (docs/IMPORT.md, "WAL checkpoints").
 */
export const WAL_AUTOCHECKPOINT_PAGES = 16000;

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
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
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

/** Holders of each connection's pause (an import, the background checkpointer). */
const autoCheckpointPauses = new WeakMap<Database, Set<object>>();

/**
 * Stops the commits of this connection from checkpointing the WAL themselves (the commit that
 * crosses the threshold copies up to 64 MiB and syncs the database file on the committing thread):
 * while a bulk write runs, or while the background checkpointer (wal-checkpointer.ts) runs, another
 * connection on another thread checkpoints instead. Returns this holder's resume: the connection
 * checkpoints by itself again only once every holder has resumed (a second call of the same resume
 * does nothing, so an import that ends cannot turn them on under the background checkpointer).
 */
export function pauseAutoCheckpoint(db: Database): () => void {
  const holders = autoCheckpointPauses.get(db) ?? new Set<object>();
  autoCheckpointPauses.set(db, holders);
  if (holders.size === 0) db.pragma('wal_autocheckpoint = 0');
  const holder = {};
  holders.add(holder);
  return () => {
    if (!holders.delete(holder) || holders.size > 0) return;
    if (db.open) db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  };
}

/** The connection's auto-checkpoint threshold in pages (0: it never checkpoints by itself). */
export function autoCheckpointPages(db: Database): number {
  return db.pragma('wal_autocheckpoint', { simple: true }) as number;
}

/**
 * A read-write connection that only checkpoints the WAL of an existing store (a read-only one
 * cannot): no migrations, no pragmas beyond waiting for locks. Its checkpoints sync the WAL before
 * and the database file after (synchronous stays FULL), as the engine's own would.
 */
export function openCheckpointConnection(file: string): Database {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Copies what it can of the WAL into the database without waiting for readers or writers: the
 * frames in the WAL when it started and how many of them are now in the database file; null when
 * another connection was checkpointing at that moment (nothing was done).
 */
export function checkpointPassive(db: Database): { walFrames: number; copied: number } | null {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  if (row === undefined || row.busy !== 0 || row.log < 0) return null;
  return { walFrames: row.log, copied: row.checkpointed };
}
