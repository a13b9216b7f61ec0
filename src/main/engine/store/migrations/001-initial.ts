import type { Migration } from './migration';

const migration: Migration = {
  version: 1,
  name: 'initial schema: catalogue, sessions, events, models, jobs, configs, audit log',
  up: `
    CREATE TABLE items (
      item_id    TEXT PRIMARY KEY,
      title      TEXT NOT NULL,
      brand      TEXT,
      category   TEXT,
      price      REAL,
      attributes TEXT,
      in_stock   INTEGER NOT NULL DEFAULT 1,
      image_url  TEXT,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX items_category ON items(category);

    CREATE TABLE sessions (
      session_id    TEXT PRIMARY KEY,
      shopper_id    TEXT NOT NULL,
      started_at    INTEGER NOT NULL,
      last_event_at INTEGER NOT NULL,
      event_count   INTEGER NOT NULL DEFAULT 0
    );
    -- Indexed on columns an append does not change, so a new event rewrites no session index page.
    CREATE INDEX sessions_shopper ON sessions(shopper_id, started_at);

    -- seq gives a total order of arrival; id is the client's idempotency key.
    CREATE TABLE events (
      seq         INTEGER PRIMARY KEY,
      id          TEXT NOT NULL UNIQUE,
      type        TEXT NOT NULL,
      shopper_id  TEXT NOT NULL,
      session_id  TEXT NOT NULL REFERENCES sessions(session_id) DEFERRABLE INITIALLY DEFERRED,
      item_id     TEXT,
      query       TEXT,
      price       REAL,
      quantity    INTEGER,
      ts          INTEGER NOT NULL,
      context     TEXT,
      received_at INTEGER NOT NULL
    );
    -- A shopper's events are found through their sessions: one index less to write per event.
    CREATE INDEX events_session ON events(session_id, ts);

    -- Kept in the ingest transaction so stats never scan the events table.
    CREATE TABLE event_counts (type TEXT PRIMARY KEY, n INTEGER NOT NULL);

    CREATE TABLE models (
      model_id    TEXT PRIMARY KEY,
      kind        TEXT NOT NULL,
      version     TEXT NOT NULL,
      path        TEXT,
      sha256      TEXT,
      metrics     TEXT,
      config      TEXT,
      status      TEXT NOT NULL DEFAULT 'registered',
      created_at  INTEGER NOT NULL,
      promoted_at INTEGER,
      UNIQUE (kind, version)
    );

    CREATE TABLE jobs (
      job_id      TEXT PRIMARY KEY,
      kind        TEXT NOT NULL,
      status      TEXT NOT NULL,
      params      TEXT,
      progress    TEXT,
      error       TEXT,
      created_at  INTEGER NOT NULL,
      started_at  INTEGER,
      finished_at INTEGER
    );

    -- Every version of every config is kept; the highest version is the one in force.
    CREATE TABLE configs (
      name       TEXT NOT NULL,
      version    INTEGER NOT NULL,
      body       TEXT NOT NULL,
      note       TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (name, version)
    );

    CREATE TABLE audit_log (
      seq    INTEGER PRIMARY KEY,
      ts     INTEGER NOT NULL,
      actor  TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT,
      detail TEXT
    );
  `,
};

export default migration;
