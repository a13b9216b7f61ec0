import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(`${file}: schema version ${found} was written by a newer Instinct (this one supports up to ${supported}); refusing to open it`);
    this.name = 'DatabaseTooNewError';
  }
}

/** Checks the list itself: versions must run 1, 2, 3... with no gap or repeat. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list broken at ${m.name}: expected version ${i + 1}, found ${m.version}`);
  });
}

/**
 * Moves the schema forward to the latest version, one migration per transaction, recording the
 * version in PRAGMA user_version. Never moves backwards and never drops user data.
 */
export function migrate(db: Database, migrations: readonly Migration[], file: string): { from: number; to: number } {
  checkMigrationList(migrations);
  const latest = migrations.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) throw new DatabaseTooNewError(file, from, latest);
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: latest };
}
