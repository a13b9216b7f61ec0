import type { Migration } from './migration';

const migration: Migration = {
  version: 8,
  name: 'search synonyms: one-way and two-way sets managed by merchandisers',
  up: `
    -- terms: a JSON array of phrases; from: the triggering phrase of a one-way set (NULL for two-way).
    CREATE TABLE search_synonyms (
      synonym_id  TEXT PRIMARY KEY,
      kind        TEXT NOT NULL CHECK (kind IN ('two-way', 'one-way')),
      from_phrase TEXT,
      terms       TEXT NOT NULL,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL,
      CHECK ((kind = 'one-way') = (from_phrase IS NOT NULL))
    );
  `,
};

export default migration;
