import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, openDatabase, schemaVersion } from '../../../../src/main/engine/store';
import { checkMigrationList } from '../../../../src/main/engine/store/migrate';
import { MIGRATIONS } from '../../../../src/main/engine/store/migrations';
import { tempDir } from '../../../helpers/temp-dir';

describe('migrations', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('brings a new file to the latest version with every table and WAL on', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = openDatabase(join(t.dir, 'a.db'));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['items', 'events', 'sessions', 'models', 'jobs', 'configs', 'audit_log']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('reopening an up-to-date file changes nothing and keeps the data', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'a.db');
    const db = openDatabase(file);
    db.prepare("INSERT INTO items (item_id, title, updated_at) VALUES ('x', 'X', 1)").run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT title FROM items').get()).toEqual({ title: 'X' });
    again.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'future.db');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.exec('CREATE TABLE precious (x)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer Instinct/);
    const check = new BetterSqlite3(file);
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    check.close();
  });

  it('rolls back a failing migration whole', () => {
    const db = new BetterSqlite3(':memory:');
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: 'CREATE TABLE ok (x); SELECT * FROM missing_table;' }];
    expect(() => migrate(db, broken, ':memory:')).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").get()).toBeUndefined();
  });

  it('rejects a migration list with a gap', () => {
    expect(() => checkMigrationList([{ version: 1, name: 'a', up: '' }, { version: 3, name: 'c', up: '' }])).toThrow(/expected version 2/);
  });
});
