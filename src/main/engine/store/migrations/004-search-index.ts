import type { Migration } from './migration';

/** Attribute values as searchable words; a true flag contributes its name ("waterproof"), a false one nothing. */
export const attributeWords = (column: string): string => `CASE WHEN json_valid(${column}) THEN (
      SELECT group_concat(CASE type WHEN 'true' THEN key WHEN 'false' THEN NULL ELSE value END, ' ') FROM json_each(${column})
    ) ELSE ${column} END`;

const migration: Migration = {
  version: 4,
  name: 'search index: FTS5 over item title, brand, category and attribute values, kept in sync by triggers; item vectors by time',
  up: `
    -- The FTS rowid of an item. An explicit INTEGER PRIMARY KEY survives VACUUM, which may
    -- renumber the implicit rowid of items (its key is TEXT).
    CREATE TABLE item_search_docs (
      doc_id  INTEGER PRIMARY KEY,
      item_id TEXT NOT NULL UNIQUE
    );

    -- Columns in bm25() weight order: title, brand, category, attributes.
    CREATE VIRTUAL TABLE item_search USING fts5(
      title, brand, category, attributes,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3'
    );

    CREATE TRIGGER items_search_insert AFTER INSERT ON items BEGIN
      INSERT INTO item_search_docs (item_id) VALUES (new.item_id);
      INSERT INTO item_search (rowid, title, brand, category, attributes)
        VALUES ((SELECT doc_id FROM item_search_docs WHERE item_id = new.item_id),
                new.title, new.brand, new.category, ${attributeWords('new.attributes')});
    END;

    -- Only text changes touch the index: a price or stock update leaves it alone.
    CREATE TRIGGER items_search_update AFTER UPDATE OF item_id, title, brand, category, attributes ON items
    WHEN old.item_id IS NOT new.item_id OR old.title IS NOT new.title OR old.brand IS NOT new.brand
      OR old.category IS NOT new.category OR old.attributes IS NOT new.attributes
    BEGIN
      UPDATE item_search_docs SET item_id = new.item_id WHERE item_id = old.item_id;
      UPDATE item_search SET title = new.title, brand = new.brand, category = new.category,
          attributes = ${attributeWords('new.attributes')}
        WHERE rowid = (SELECT doc_id FROM item_search_docs WHERE item_id = new.item_id);
    END;

    CREATE TRIGGER items_search_delete AFTER DELETE ON items BEGIN
      DELETE FROM item_search WHERE rowid = (SELECT doc_id FROM item_search_docs WHERE item_id = old.item_id);
      DELETE FROM item_search_docs WHERE item_id = old.item_id;
    END;

    -- Lets the vector index catch up on start-up with only the vectors written since it was saved.
    CREATE INDEX item_vectors_updated ON item_vectors(model_version, updated_at);

    INSERT INTO item_search_docs (item_id) SELECT item_id FROM items ORDER BY rowid;
    INSERT INTO item_search (rowid, title, brand, category, attributes)
      SELECT d.doc_id, i.title, i.brand, i.category, ${attributeWords('i.attributes')}
      FROM items i JOIN item_search_docs d ON d.item_id = i.item_id;
  `,
};

export default migration;
