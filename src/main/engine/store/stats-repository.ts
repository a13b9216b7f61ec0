import type { Database } from 'better-sqlite3';
import type { ListSessionsRequest, SessionSummary, StoreStats } from '../../../shared/contract';
import { schemaVersion } from './database';
import { SESSION_GAP_MS } from './sessionizer';

/** Read-only summaries for the console: counts come from counters kept at ingest, not table scans. */
export class StatsRepository {
  constructor(private readonly db: Database) {}

  stats(): StoreStats {
    const counts = this.db.prepare('SELECT type, n FROM event_counts').all() as { type: string; n: number }[];
    const eventsByType = Object.fromEntries(counts.map((c) => [c.type, c.n]));
    const one = (sql: string): number => (this.db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const last = this.db.prepare('SELECT max(ts) AS t FROM (SELECT ts FROM events ORDER BY seq DESC LIMIT 1000)').get() as { t: number | null };
    return {
      items: one('SELECT count(*) AS n FROM items'),
      events: counts.reduce((sum, c) => sum + c.n, 0),
      sessions: one('SELECT count(*) AS n FROM sessions'),
      activeSessions: this.activeSessions(Date.now()),
      shoppers: one('SELECT count(DISTINCT shopper_id) AS n FROM sessions'),
      eventsByType,
      lastEventTs: last.t,
      schemaVersion: schemaVersion(this.db),
    };
  }

  /**
   * Sessions active in the last 30 minutes, read from the newest events (seq is the table's key):
   * no index on event time to keep up on every insert.
   */
  activeSessions(now: number): number {
    const row = this.db
      .prepare('SELECT count(DISTINCT session_id) AS n FROM (SELECT session_id, ts FROM events ORDER BY seq DESC LIMIT 20000) WHERE ts >= ?')
      .get(now - SESSION_GAP_MS) as { n: number };
    return row.n;
  }

  /** The shopper a session belongs to, if the session exists. */
  sessionOwner(sessionId: string): string | undefined {
    return (this.db.prepare('SELECT shopper_id FROM sessions WHERE session_id = ?').get(sessionId) as { shopper_id: string } | undefined)?.shopper_id;
  }

  sessions(req: ListSessionsRequest): SessionSummary[] {
    // The most recently active sessions are those of the newest events (seq is the table's key),
    // topped up with the latest-started ones: no index on last_event_at to rewrite on every event.
    const rows = (
      req.shopperId === undefined
        ? this.db
            .prepare(
              `SELECT * FROM sessions WHERE session_id IN (SELECT session_id FROM events ORDER BY seq DESC LIMIT 20000)
               UNION SELECT * FROM (SELECT * FROM sessions ORDER BY started_at DESC LIMIT @limit)
               ORDER BY last_event_at DESC LIMIT @limit`,
            )
            .all({ limit: req.limit })
        : this.db.prepare('SELECT * FROM sessions WHERE shopper_id = ? ORDER BY last_event_at DESC LIMIT ?').all(req.shopperId, req.limit)
    ) as { session_id: string; shopper_id: string; started_at: number; last_event_at: number; event_count: number }[];
    return rows.map((r) => ({
      sessionId: r.session_id,
      shopperId: r.shopper_id,
      startedAt: r.started_at,
      lastEventAt: r.last_event_at,
      eventCount: r.event_count,
    }));
  }
}
