import type { Migration } from './migration';

const migration: Migration = {
  version: 2,
  name: 'item vectors: cached embeddings per item, model version and content hash',
  up: `
    -- One vector per item and model version. content_hash says which text it was computed from,
    -- so only items whose text changed are embedded again. channel separates text from visual.
    CREATE TABLE item_vectors (
      item_id       TEXT NOT NULL,
      model_version TEXT NOT NULL,
      channel       TEXT NOT NULL DEFAULT 'text',
      content_hash  TEXT NOT NULL,
      dims          INTEGER NOT NULL,
      vector        BLOB NOT NULL,
      updated_at    INTEGER NOT NULL,
      PRIMARY KEY (model_version, item_id)
    );
  `,
};

export default migration;
