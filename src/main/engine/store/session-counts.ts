import type { Database, Statement } from 'better-sqlite3';
import { SESSION_GAP_MS } from './sessionizer';

/** Above this many rows stored since the last read, a read starts afresh (bounded like the first read). */
export const SESSION_COUNTS_CATCH_UP = 20_000;

export interface SessionCountsNow {
  sessions: number;
  shoppers: number;
  /** Sessions with an event in the last SESSION_GAP_MS (by event time; late and future events count by their own time). */
  activeSessions: number;
}

/**
 * The session figures of the store's stats, kept between reads so that a read looks only at the
 * rows stored since the previous one. The stats are pushed to the console every second while
 * events arrive, on the engine's thread: counting every session, every distinct shopper and the
 * newest 20,000 events each time took several milliseconds of that thread (8 ms for the active
 * sessions alone at 100k items), long enough to show in the recommend p99.
 *
 * - The first read (and a read after `reset`) counts sessions and distinct shoppers in full and
 *   takes the active sessions from the newest 20,000 events, as the stats always did.
 * - Later reads add the sessions stored since (a shopper counts once: only if none of their
 *   earlier sessions exists) and the events stored since, and drop the sessions that went quiet.
 * - More than `catchUp` (default SESSION_COUNTS_CATCH_UP) new rows (a bulk import) start afresh.
 * - Rows are only ever deleted by an erasure or a retention run: the engine calls `reset` after
 *   either, and the next read counts afresh.
 */
export class SessionCounts {
  private seenEventSeq = -1;
  private seenSessionRow = -1;
  private sessions = 0;
  private shoppers = 0;
  /** Session -> its newest event time, for sessions still active at the last read. */
  private readonly active = new Map<string, number>();
  private readonly maxSeq: Statement;
  private readonly eventsAfter: Statement;
  private readonly newestEvents: Statement;
  private readonly maxSessionRow: Statement;
  private readonly sessionsAfter: Statement;
  private readonly earlierSession: Statement;
  private readonly countSessions: Statement;
  private readonly countShoppers: Statement;

  constructor(db: Database, private readonly catchUp = SESSION_COUNTS_CATCH_UP) {
    this.maxSeq = db.prepare('SELECT max(seq) AS m FROM events');
    this.eventsAfter = db.prepare('SELECT session_id AS s, ts FROM events WHERE seq > ?');
    this.newestEvents = db.prepare('SELECT session_id AS s, ts FROM events ORDER BY seq DESC LIMIT ?');
    this.maxSessionRow = db.prepare('SELECT max(rowid) AS m FROM sessions');
    this.sessionsAfter = db.prepare('SELECT rowid AS r, shopper_id AS shopper FROM sessions WHERE rowid > ? ORDER BY rowid');
    this.earlierSession = db.prepare('SELECT 1 FROM sessions WHERE shopper_id = ? AND rowid < ? LIMIT 1');
    this.countSessions = db.prepare('SELECT count(*) AS n FROM sessions');
    this.countShoppers = db.prepare('SELECT count(DISTINCT shopper_id) AS n FROM sessions');
  }

  read(now: number): SessionCountsNow {
    this.readSessions();
    this.readActive(now);
    return { sessions: this.sessions, shoppers: this.shoppers, activeSessions: this.active.size };
  }

  /** Rows were deleted: the next read counts afresh. */
  reset(): void {
    this.seenEventSeq = -1;
    this.seenSessionRow = -1;
    this.active.clear();
  }

  private readSessions(): void {
    const max = (this.maxSessionRow.get() as { m: number | null }).m ?? 0;
    if (this.seenSessionRow < 0 || max - this.seenSessionRow > this.catchUp || max < this.seenSessionRow) {
      this.sessions = (this.countSessions.get() as { n: number }).n;
      this.shoppers = (this.countShoppers.get() as { n: number }).n;
    } else if (max > this.seenSessionRow) {
      for (const row of this.sessionsAfter.iterate(this.seenSessionRow) as Iterable<{ r: number; shopper: string }>) {
        this.sessions++;
        if (this.earlierSession.get(row.shopper, row.r) === undefined) this.shoppers++;
      }
    }
    this.seenSessionRow = max;
  }

  private readActive(now: number): void {
    const max = (this.maxSeq.get() as { m: number | null }).m ?? 0;
    const since = now - SESSION_GAP_MS;
    const afresh = this.seenEventSeq < 0 || max - this.seenEventSeq > this.catchUp || max < this.seenEventSeq;
    if (afresh) this.active.clear();
    if (afresh || max > this.seenEventSeq) {
      const rows = (afresh ? this.newestEvents.iterate(this.catchUp) : this.eventsAfter.iterate(this.seenEventSeq)) as Iterable<{ s: string; ts: number }>;
      for (const e of rows) if (e.ts >= since && !(e.ts <= (this.active.get(e.s) ?? -Infinity))) this.active.set(e.s, e.ts);
    }
    this.seenEventSeq = max;
    for (const [session, ts] of this.active) if (ts < since) this.active.delete(session);
  }
}
