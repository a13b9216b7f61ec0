import type { Database, Statement } from 'better-sqlite3';
import { derivedSessionId } from './session-id';

/** A session ends after this long without an event from its shopper. */
export const SESSION_GAP_MS = 30 * 60 * 1000;

interface OpenSession {
  sessionId: string;
  startedAt: number;
  lastTs: number;
}

/**
 * Assigns a session id to events that arrive without one, by the 30-minute inactivity rule, and
 * keeps the sessions table's bounds and counts. The in-memory map saves a query per event; it is
 * a cache of the table, dropped whenever a transaction rolls back.
 */
export class Sessionizer {
  private readonly open = new Map<string, OpenSession>();
  private readonly latestForShopper: Statement<[string], { session_id: string; started_at: number; last_event_at: number }>;
  private readonly ownerOf: Statement<[string], { shopper_id: string }>;
  private readonly storedAround: Statement<[string, number, number], { session_id: string; started_at: number; last_event_at: number }>;
  /** Sessions in `pending`, by shopper, so a late event finds the batch's sessions without a scan. */
  private readonly pendingByShopper = new Map<string, Set<string>>();
  private readonly upsert: Statement<[string, string, number, number, number]>;
  /** Session rows touched by the batch in flight, written once each by flush(). */
  private readonly pending = new Map<string, { shopperId: string; first: number; last: number; count: number }>();

  constructor(db: Database) {
    this.latestForShopper = db.prepare(
      'SELECT session_id, started_at, last_event_at FROM sessions WHERE shopper_id = ? ORDER BY started_at DESC LIMIT 1',
    );
    this.ownerOf = db.prepare('SELECT shopper_id FROM sessions WHERE session_id = ?');
    // The shopper's latest-starting session that an event at ts would join (started at most a gap after ts, active until at least a gap before it).
    this.storedAround = db.prepare(
      'SELECT session_id, started_at, last_event_at FROM sessions WHERE shopper_id = ? AND started_at <= ? AND last_event_at >= ? ORDER BY started_at DESC LIMIT 1',
    );
    this.upsert = db.prepare(`
      INSERT INTO sessions (session_id, shopper_id, started_at, last_event_at, event_count) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (session_id) DO UPDATE SET
        started_at = min(started_at, excluded.started_at),
        last_event_at = max(last_event_at, excluded.last_event_at),
        event_count = event_count + excluded.event_count`);
  }

  /**
   * The session an event belongs to; the derived id is stable for the same shopper and start time.
   * Events mostly arrive in order and join the shopper's open session. A late or out-of-order one
   * (an import of old data, a retry, an event after a far-future one) joins the session around its
   * time, from this batch or the store, instead of starting a one-event session of its own.
   */
  assign(shopperId: string, ts: number): string {
    const current = this.open.get(shopperId) ?? this.load(shopperId);
    if (current && ts - current.lastTs <= SESSION_GAP_MS && current.startedAt - ts <= SESSION_GAP_MS) {
      current.lastTs = Math.max(current.lastTs, ts);
      current.startedAt = Math.min(current.startedAt, ts);
      this.open.set(shopperId, current);
      return current.sessionId;
    }
    const around = this.pendingAround(shopperId, ts) ?? this.storedAround.get(shopperId, ts + SESSION_GAP_MS, ts - SESSION_GAP_MS)?.session_id;
    if (around !== undefined) return around;
    const next = { sessionId: derivedSessionId(shopperId, ts), startedAt: ts, lastTs: ts };
    // Only a session later than the one we hold becomes the shopper's open session.
    if (!current || ts > current.lastTs) this.open.set(shopperId, next);
    return next.sessionId;
  }

  /** The shopper that owns a client-supplied session id, if the session exists. */
  owner(sessionId: string): string | undefined {
    return this.ownerOf.get(sessionId)?.shopper_id;
  }

  /** Records one stored event against its session; the row is written by flush(). */
  record(sessionId: string, shopperId: string, ts: number): void {
    const p = this.pending.get(sessionId);
    if (p) {
      p.first = Math.min(p.first, ts);
      p.last = Math.max(p.last, ts);
      p.count++;
    } else {
      this.pending.set(sessionId, { shopperId, first: ts, last: ts, count: 1 });
      let ids = this.pendingByShopper.get(shopperId);
      if (!ids) this.pendingByShopper.set(shopperId, (ids = new Set()));
      ids.add(sessionId);
    }
    const open = this.open.get(shopperId);
    if (open?.sessionId === sessionId) open.lastTs = Math.max(open.lastTs, ts);
    else if (!open || ts > open.lastTs) this.open.set(shopperId, { sessionId, startedAt: ts, lastTs: ts });
  }

  /** Writes the batch's session rows; called inside the batch's transaction. */
  flush(): void {
    for (const [sessionId, p] of this.pending) this.upsert.run(sessionId, p.shopperId, p.first, p.last, p.count);
    this.pending.clear();
    this.pendingByShopper.clear();
  }

  /**
   * The latest event time of the shopper's open session (after record(), never earlier than the
   * event just recorded): an event earlier than this arrived out of order.
   */
  latestTs(shopperId: string): number | undefined {
    return this.open.get(shopperId)?.lastTs;
  }

  /** Drops the shopper's open session (an erasure deleted its row). */
  forgetShopper(shopperId: string): void {
    this.open.delete(shopperId);
  }

  forget(): void {
    this.open.clear();
    this.pending.clear();
    this.pendingByShopper.clear();
  }

  /** A session of this batch (not yet written) that an event at ts joins. */
  private pendingAround(shopperId: string, ts: number): string | undefined {
    for (const sessionId of this.pendingByShopper.get(shopperId) ?? []) {
      const p = this.pending.get(sessionId);
      if (p && ts - p.last <= SESSION_GAP_MS && p.first - ts <= SESSION_GAP_MS) return sessionId;
    }
    return undefined;
  }

  private load(shopperId: string): OpenSession | undefined {
    const row = this.latestForShopper.get(shopperId);
    return row ? { sessionId: row.session_id, startedAt: row.started_at, lastTs: row.last_event_at } : undefined;
  }
}
