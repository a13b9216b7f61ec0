import type { Migration } from './migration';

const COUNTERS = `
  lists            INTEGER NOT NULL DEFAULT 0,
  items            INTEGER NOT NULL DEFAULT 0,
  clicks           INTEGER NOT NULL DEFAULT 0,
  clicked_items    INTEGER NOT NULL DEFAULT 0,
  clicked_lists    INTEGER NOT NULL DEFAULT 0,
  carts            INTEGER NOT NULL DEFAULT 0,
  carted_items     INTEGER NOT NULL DEFAULT 0,
  carted_lists     INTEGER NOT NULL DEFAULT 0,
  orders           INTEGER NOT NULL DEFAULT 0,
  purchased_items  INTEGER NOT NULL DEFAULT 0,
  purchased_lists  INTEGER NOT NULL DEFAULT 0,
  units            INTEGER NOT NULL DEFAULT 0,
  revenue          REAL NOT NULL DEFAULT 0,
  revenue_sq_lists REAL NOT NULL DEFAULT 0,
  order_value_sq   REAL NOT NULL DEFAULT 0`;

const migration: Migration = {
  version: 5,
  name: 'the loop: events name their list, rewards joined to impressions, metric roll-ups, experiments',
  up: `
    -- What the client said about where a click, cart add or purchase came from (GA4 item_list_id/index, Segment list_id/position).
    ALTER TABLE events ADD COLUMN impression_id TEXT;
    ALTER TABLE events ADD COLUMN position INTEGER;

    -- Which experiment arm served a list; the window match looks a shopper's lists up by time.
    ALTER TABLE impressions ADD COLUMN experiment_id TEXT;
    ALTER TABLE impressions ADD COLUMN arm_id TEXT;
    -- Float32 per considered item (shown, then the exploration pool): channel scores and the rules' effect.
    ALTER TABLE impressions ADD COLUMN features BLOB;
    CREATE INDEX impressions_shopper ON impressions(shopper_id, created_at);

    -- One row per click, cart add or purchase of an item, written in the event's own transaction:
    -- the list it is attributed to (or why none), the position, the value, and what the roll-ups
    -- need to count it once (first of its type for the item and for the list, the list's revenue before it).
    CREATE TABLE rewards (
      seq               INTEGER PRIMARY KEY,
      impression_id     TEXT,
      item_id           TEXT NOT NULL,
      position          INTEGER,
      type              TEXT NOT NULL,
      value             REAL NOT NULL,
      quantity          INTEGER NOT NULL,
      kind              TEXT NOT NULL,
      reason            TEXT,
      ts                INTEGER NOT NULL,
      late              INTEGER NOT NULL,
      out_of_order      INTEGER NOT NULL,
      history           INTEGER NOT NULL,
      first_for_item    INTEGER NOT NULL,
      first_for_list    INTEGER NOT NULL,
      list_value_before REAL NOT NULL
    );
    CREATE INDEX rewards_impression ON rewards(impression_id) WHERE impression_id IS NOT NULL;

    -- Hourly counters by the hour the list was served, per slot and per dimension value
    -- (all, weights version, model version, rule, experiment arm, policy). Derived from impressions
    -- and rewards; loop_state holds how far they are folded in, so a crash only delays them.
    CREATE TABLE metric_rollups (
      dim    TEXT NOT NULL,
      value  TEXT NOT NULL,
      slot   TEXT NOT NULL,
      bucket INTEGER NOT NULL,
      ${COUNTERS},
      PRIMARY KEY (dim, slot, value, bucket)
    ) WITHOUT ROWID;

    CREATE TABLE position_rollups (
      slot     TEXT NOT NULL,
      explored INTEGER NOT NULL,
      position INTEGER NOT NULL,
      bucket   INTEGER NOT NULL,
      shown    INTEGER NOT NULL DEFAULT 0,
      clicked  INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (slot, explored, position, bucket)
    ) WITHOUT ROWID;

    -- Search analytics: each normalised query once, then counters by hour and by UTC day (a month sums days).
    CREATE TABLE search_queries (query_id INTEGER PRIMARY KEY, query TEXT NOT NULL UNIQUE);
    CREATE TABLE search_rollups (
      query_id     INTEGER NOT NULL,
      bucket       INTEGER NOT NULL,
      searches     INTEGER NOT NULL DEFAULT 0,
      zero_results INTEGER NOT NULL DEFAULT 0,
      clicked      INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (query_id, bucket)
    ) WITHOUT ROWID;
    CREATE INDEX search_rollups_bucket ON search_rollups(bucket);
    CREATE TABLE search_rollups_daily (
      query_id     INTEGER NOT NULL,
      day          INTEGER NOT NULL,
      searches     INTEGER NOT NULL DEFAULT 0,
      zero_results INTEGER NOT NULL DEFAULT 0,
      clicked      INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (query_id, day)
    ) WITHOUT ROWID;

    -- Attribution outcomes by key ('kind:window', 'reason:unknown-impression', 'late', ...).
    CREATE TABLE attribution_counts (key TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;

    -- Watermarks of the roll-ups: the last impression rowid and reward seq folded in.
    CREATE TABLE loop_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

    -- Experiments. The public id is 'e-' || seq. spec holds slots, mode, reward, arms, floor, guardrail, alpha.
    CREATE TABLE experiments (
      seq           INTEGER PRIMARY KEY AUTOINCREMENT,
      name          TEXT NOT NULL,
      spec          TEXT NOT NULL,
      status        TEXT NOT NULL,
      shares        TEXT NOT NULL,
      created_at    INTEGER NOT NULL,
      started_at    INTEGER,
      stopped_at    INTEGER,
      stopped_by    TEXT,
      stop_reason   TEXT,
      promoted_arm  TEXT
    );
    -- How a bandit moved traffic over time.
    CREATE TABLE experiment_allocations (
      experiment_seq INTEGER NOT NULL,
      ts             INTEGER NOT NULL,
      shares         TEXT NOT NULL,
      PRIMARY KEY (experiment_seq, ts)
    ) WITHOUT ROWID;
  `,
};

export default migration;
