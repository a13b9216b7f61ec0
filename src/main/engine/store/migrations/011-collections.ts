import type { Migration } from './migration';

const migration: Migration = {
  version: 11,
  name: 'collections: merchandiser-curated item sets, each a browse page and a rule scope',
  up: `
    CREATE TABLE collections (
      collection_id TEXT PRIMARY KEY,
      name          TEXT NOT NULL,
      created_at    INTEGER NOT NULL,
      updated_at    INTEGER NOT NULL
    );
    -- position: the merchandiser's order (the console lists items in it).
    CREATE TABLE collection_items (
      collection_id TEXT NOT NULL REFERENCES collections (collection_id) ON DELETE CASCADE,
      item_id       TEXT NOT NULL,
      position      INTEGER NOT NULL,
      PRIMARY KEY (collection_id, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX collection_items_by_item ON collection_items (item_id);
  `,
};

export default migration;
