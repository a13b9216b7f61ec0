import type { Migration } from './migration';

const migration: Migration = {
  version: 3,
  name: 'ranking: merchandising rules and the impression log',
  up: `
    -- Merchandising rules. The public id is 'r-' || seq; AUTOINCREMENT never reuses a deleted rule's number.
    CREATE TABLE rules (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      kind       TEXT NOT NULL,
      target     TEXT NOT NULL,
      strength   REAL NOT NULL,
      position   INTEGER,
      slot       TEXT NOT NULL,
      starts_at  INTEGER,
      ends_at    INTEGER,
      enabled    INTEGER NOT NULL,
      note       TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );

    -- One row per returned list; the shown items (positions, scores, contributions, fired rules,
    -- propensities) are one JSON array so a recommendation costs a single insert.
    CREATE TABLE impressions (
      impression_id   TEXT PRIMARY KEY,
      created_at      INTEGER NOT NULL,
      slot            TEXT NOT NULL,
      shopper_id      TEXT,
      session_id      TEXT,
      query           TEXT,
      weights_version INTEGER NOT NULL,
      model_version   TEXT NOT NULL,
      cold_start      INTEGER NOT NULL,
      purchase_intent REAL NOT NULL,
      took_ms         REAL NOT NULL,
      policy          TEXT NOT NULL,
      items           TEXT NOT NULL
    );
    -- Clicks and purchases join back on (session, item, time).
    CREATE INDEX impressions_session ON impressions(session_id, created_at);
    CREATE INDEX impressions_created ON impressions(created_at);
  `,
};

export default migration;
