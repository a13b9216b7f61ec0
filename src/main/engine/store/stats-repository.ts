import type { Database } from 'better-sqlite3';
import type { ListSessionsRequest, SessionSummary, StoreStats } from '../../../shared/contract';
import { schemaVersion } from './database';
import { SessionCounts } from './session-counts';

interface SessionRow {
  session_id: string;
  shopper_id: string;
  started_at: number;
  last_event_at: number;
  event_count: number;
}

/** Read-only summaries for the console: counts come from counters kept at ingest, not table scans. */
export class StatsRepository {
  private readonly sessionCounts: SessionCounts;

  constructor(private readonly db: Database) {
    this.sessionCounts = new SessionCounts(db);
  }

  /** Events or sessions were deleted (an erasure, a retention run): the next stats count the sessions afresh. */
  recountSessions(): void {
    this.sessionCounts.reset();
  }

  stats(): StoreStats {
    const counts = this.db.prepare('SELECT type, n FROM event_counts').all() as { type: string; n: number }[];
    const eventsByType = Object.fromEntries(counts.map((c) => [c.type, c.n]));
    const one = (sql: string): number => (this.db.prepare(sql).get() as { n: number | null }).n ?? 0;
    const last = this.db.prepare('SELECT max(ts) AS t FROM (SELECT ts FROM events ORDER BY seq DESC LIMIT 1000)').get() as { t: number | null };
    const sessions = this.sessionCounts.read(Date.now());
    return {
      items: one('SELECT count(*) AS n FROM items'),
      events: counts.reduce((sum, c) => sum + c.n, 0),
      sessions: sessions.sessions,
      activeSessions: sessions.activeSessions,
      shoppers: sessions.shoppers,
      eventsByType,
      lastEventTs: last.t,
      schemaVersion: schemaVersion(this.db),
    };
  }

  /** The shopper a session belongs to, if the session exists. */
  sessionOwner(sessionId: string): string | undefined {
    return (this.db.prepare('SELECT shopper_id FROM sessions WHERE session_id = ?').get(sessionId) as { shopper_id: string } | undefined)?.shopper_id;
  }

  sessions(req: ListSessionsRequest): SessionSummary[] {
    const filtered = req.purchased !== undefined || req.startedFrom !== undefined || req.startedBefore !== undefined || req.minEvents !== undefined || req.maxEvents !== undefined;
    // The most recently active sessions are those of the newest events (seq is the table's key),
    // topped up with the latest-started ones: no index on last_event_at to rewrite on every event.
    const rows = (
      filtered
        ? this.filteredSessions(req)
        : req.shopperId === undefined
        ? this.db
            .prepare(
              `SELECT * FROM sessions WHERE session_id IN (SELECT session_id FROM events ORDER BY seq DESC LIMIT 20000)
               UNION SELECT * FROM (SELECT * FROM sessions ORDER BY started_at DESC LIMIT @limit)
               ORDER BY last_event_at DESC LIMIT @limit`,
            )
            .all({ limit: req.limit })
        : this.db.prepare('SELECT * FROM sessions WHERE shopper_id = ? ORDER BY last_event_at DESC LIMIT ?').all(req.shopperId, req.limit)
    ) as SessionRow[];
    // Per session through the events_session index: a page of sessions costs a page of lookups.
    const purchases = this.db.prepare("SELECT count(*) AS n FROM events WHERE session_id = ? AND type = 'purchase'");
    return rows.map((r) => ({
      sessionId: r.session_id,
      shopperId: r.shopper_id,
      startedAt: r.started_at,
      lastEventAt: r.last_event_at,
      eventCount: r.event_count,
      purchases: (purchases.get(r.session_id) as { n: number }).n,
    }));
  }

  /**
   * The Sessions page's filters (purchase, start date, length), most recently active first. A scan
   * of the sessions table: an operator's query, not a hot path, and no index to keep up on ingest.
   */
  private filteredSessions(req: ListSessionsRequest): SessionRow[] {
    const where: string[] = [];
    if (req.shopperId !== undefined) where.push('s.shopper_id = @shopperId');
    if (req.startedFrom !== undefined) where.push('s.started_at >= @startedFrom');
    if (req.startedBefore !== undefined) where.push('s.started_at < @startedBefore');
    if (req.minEvents !== undefined) where.push('s.event_count >= @minEvents');
    if (req.maxEvents !== undefined) where.push('s.event_count <= @maxEvents');
    if (req.purchased !== undefined) where.push(`${req.purchased ? '' : 'NOT '}EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.session_id AND e.type = 'purchase')`);
    const params = { limit: req.limit, shopperId: req.shopperId, startedFrom: req.startedFrom, startedBefore: req.startedBefore, minEvents: req.minEvents, maxEvents: req.maxEvents };
    const used = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    return this.db.prepare(`SELECT s.* FROM sessions s WHERE ${where.join(' AND ')} ORDER BY s.last_event_at DESC LIMIT @limit`).all(used) as SessionRow[];
  }
}
