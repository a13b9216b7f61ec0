import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../src/main/engine/store';
import { MIGRATIONS } from '../../../../../src/main/engine/store/migrations';

const WORDS = ['with', 'without', 'within', 'withstand', 'white', 'whitening', 'home', 'homeware', 'pack', 'packable', 'wi', 'w'];

describe('migration 009: prefix indexes of 2 to 6 characters', () => {
  it('keeps every doc id, indexed text, match and BM25 score of the index it replaces, and follows writes after', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, MIGRATIONS.slice(0, 8), ':memory:');
    const insert = db.prepare('INSERT INTO items (item_id, title, brand, category, attributes, updated_at) VALUES (?, ?, ?, ?, ?, 1)');
    for (let i = 0; i < 300; i++) {
      const title = Array.from({ length: 1 + (i % 4) }, (_, w) => WORDS[(i * 7 + w * 5) % WORDS.length]).join(' ');
      insert.run(`i${i}`, title, i % 3 === 0 ? 'Withings' : 'Homely', i % 5 === 0 ? 'Home > Packs' : null, i % 2 === 0 ? JSON.stringify({ colour: 'white', wired: i % 4 === 0 }) : null);
    }
    // A text update through the trigger before the migration: the new index must hold the current text.
    db.prepare("UPDATE items SET title = 'without packable' WHERE item_id = 'i7'").run();
    const queries = ['"with"*', '"white"*', '"home"* AND "pack"*', '"with" AND "with"*', '"withs"*', '"wi"*', '"w"*', '"packabl"*', '"homely"'];
    const read = () => ({
      rows: db.prepare('SELECT rowid, title, brand, category, attributes FROM item_search ORDER BY rowid').all(),
      hits: queries.map((q) => db.prepare('SELECT rowid, bm25(item_search, 10, 5, 2, 1) AS b FROM item_search WHERE item_search MATCH ? ORDER BY b, rowid').all(q)),
    });
    const before = read();
    migrate(db, MIGRATIONS.slice(0, 9), ':memory:');
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'item_search'").pluck().get()).toContain("prefix = '2 3 4 5 6'");
    expect(read()).toEqual(before);
    // The triggers of 004 write to the new table.
    db.prepare("UPDATE items SET title = 'withstand' WHERE item_id = 'i8'").run();
    insert.run('new', 'within reach', null, null, null);
    const doc = (id: string) => db.prepare('SELECT doc_id FROM item_search_docs WHERE item_id = ?').pluck().get(id);
    const withst = db.prepare('SELECT rowid FROM item_search WHERE item_search MATCH ?').pluck();
    expect(withst.all('"withst"*')).toContain(doc('i8'));
    expect(withst.all('"withi"*')).toContain(doc('new'));
    db.close();
  });
});
