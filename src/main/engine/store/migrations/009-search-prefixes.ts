import type { Migration } from './migration';
import { attributeWords } from './004-search-index';

/**
 * The keyword index again with prefix indexes of 2 to 6 characters (004 had 2 and 3). The last word
 * of a query is matched as a prefix; without an index for its length FTS5 merges the doclists of
 * every word it starts ("with" -> with, without, within, ...) on every search: for "<word> with" on
 * the 100k bench store, 20–24 ms at load ~13 against 3–7 ms with the index (docs/SEARCH.md). Matches
 * and BM25 scores are the same; the index grows by ~10 MB per 100k items. Doc ids (rowids) are kept
 * from `item_search_docs`.
 */
const migration: Migration = {
  version: 9,
  name: 'search index: prefix indexes of 2 to 6 characters for the last word of a query',
  up: `
    DROP TABLE item_search;
    CREATE VIRTUAL TABLE item_search USING fts5(
      title, brand, category, attributes,
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4 5 6'
    );
    INSERT INTO item_search (rowid, title, brand, category, attributes)
      SELECT d.doc_id, i.title, i.brand, i.category, ${attributeWords('i.attributes')}
      FROM items i JOIN item_search_docs d ON d.item_id = i.item_id;
  `,
};

export default migration;
