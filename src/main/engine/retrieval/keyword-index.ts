import type { Database, Statement } from 'better-sqlite3';

/**
 * The keyword index (the FTS5 table `item_search`) read directly: its vocabulary (`fts5vocab`
 * instance and row tables), each doc's size, the totals record, and a scratch FTS5 table with the
 * index's own tokenizer settings, for tokenizing written docs exactly as the index does.
 */
export interface KeywordIndex {
  /** bm25()'s weight per column, by column name. */
  readonly columnWeights: ReadonlyMap<string, number>;
  readonly statements: {
    readonly term: Statement<[string], [number, string]>;
    readonly termDocs: Statement<[string], number>;
    readonly wordPage: Statement<[string, number], [string, number]>;
    readonly rangeDocs: Statement<[string, string], [string, number]>;
    readonly sizes: Statement<[string], [number, Buffer]>;
    readonly sizePage: Statement<[number, number], [number, Buffer]>;
    readonly averages: Statement<[], Buffer>;
    readonly ln: Statement<[number], number>;
    readonly docsOf: Statement<[string], number>;
    readonly content: Statement<[string], [number, string | null, string | null, string | null, string | null]>;
    readonly clearScratch: Statement<[]>;
    readonly fillScratch: Statement<[number, string | null, string | null, string | null, string | null]>;
    readonly scratchInstances: Statement<[], [string, number, string]>;
  };
}

/**
 * Prepares the statements over `item_search` (and creates its temporary vocabulary and scratch
 * tables); undefined when the index is not an FTS5 table of the four columns the statements name.
 * `weights`: bm25()'s weight per column, in the index's column order (title, brand, category, attributes).
 */
export function prepareKeywordIndex(db: Database, weights: readonly number[]): KeywordIndex | undefined {
  const sql = db.prepare<[], string>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'item_search'").pluck().get();
  const create = sql === undefined ? undefined : /^CREATE VIRTUAL TABLE\s+"?item_search"?\s+(USING\s+fts5\s*\([\s\S]*\))\s*$/i.exec(sql);
  if (create === undefined || create === null) return undefined;
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('item_search')").all().map((c) => c.name);
  if (columns.length !== 4) return undefined; // the statements below name four columns
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.item_search_instances USING fts5vocab(main, item_search, instance);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.item_search_terms USING fts5vocab(main, item_search, row);
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.item_search_patch ${create[1]!};
    CREATE VIRTUAL TABLE IF NOT EXISTS temp.item_search_patch_instances USING fts5vocab(temp, item_search_patch, instance);`);
  const cols = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  return {
    columnWeights: new Map(columns.map((c, i) => [c, weights[i] ?? 1])),
    statements: {
      term: db.prepare<[string], [number, string]>('SELECT doc, col FROM temp.item_search_instances WHERE term = ?').raw(),
      sizePage: db.prepare<[number, number], [number, Buffer]>('SELECT id, sz FROM item_search_docsize WHERE id > ? ORDER BY id LIMIT ?').raw(),
      termDocs: db.prepare<[string], number>('SELECT doc FROM temp.item_search_terms WHERE term = ?').pluck(),
      wordPage: db.prepare<[string, number], [string, number]>('SELECT term, doc FROM temp.item_search_terms WHERE term > ? LIMIT ?').raw(),
      rangeDocs: db.prepare<[string, string], [string, number]>('SELECT term, doc FROM temp.item_search_terms WHERE term >= ? AND term < ?').raw(),
      sizes: db.prepare<[string], [number, Buffer]>('SELECT id, sz FROM item_search_docsize WHERE id IN (SELECT value FROM json_each(?))').raw(),
      averages: db.prepare<[], Buffer>('SELECT block FROM item_search_data WHERE id = 1').pluck(),
      ln: db.prepare<[number], number>('SELECT ln(?)').pluck(),
      docsOf: db.prepare<[string], number>('SELECT doc_id FROM item_search_docs WHERE item_id IN (SELECT value FROM json_each(?))').pluck(),
      content: db
        .prepare<[string], [number, string | null, string | null, string | null, string | null]>(
          `SELECT rowid, ${cols} FROM item_search WHERE rowid IN (SELECT value FROM json_each(?))`,
        )
        .raw(),
      clearScratch: db.prepare<[]>('DELETE FROM temp.item_search_patch'),
      fillScratch: db.prepare<[number, string | null, string | null, string | null, string | null]>(`INSERT INTO temp.item_search_patch (rowid, ${cols}) VALUES (?, ?, ?, ?, ?)`),
      scratchInstances: db.prepare<[], [string, number, string]>('SELECT term, doc, col FROM temp.item_search_patch_instances').raw(),
    },
  };
}

/**
 * Each doc's column-weighted term frequencies as the index would hold them now: its current text
 * tokenized by FTS5 itself, in the scratch table (emptied before and after).
 */
export function docTerms(index: KeywordIndex, docs: readonly number[]): Map<number, Map<string, number>> {
  const s = index.statements;
  const terms = new Map<number, Map<string, number>>(docs.map((d) => [d, new Map()]));
  s.clearScratch.run();
  for (const [doc, ...cols] of s.content.all(JSON.stringify(docs))) s.fillScratch.run(doc, ...cols);
  for (const [term, doc, col] of s.scratchInstances.all()) {
    const t = terms.get(doc)!;
    t.set(term, (t.get(term) ?? 0) + (index.columnWeights.get(col) ?? 1));
  }
  s.clearScratch.run();
  return terms;
}
