import type { Database } from 'better-sqlite3';
import type { SessionEvent, SessionHistory } from './session-event';

interface Row {
  session_id: string;
  type: string;
  item_id: string | null;
  query: string | null;
  ts: number;
}

/** Every session in the store with its events in time order, for training. Reads the whole events table once. */
export function readSessionHistories(db: Database, options: { since?: number; until?: number } = {}): SessionHistory[] {
  const rows = db
    .prepare('SELECT session_id, type, item_id, query, ts FROM events WHERE ts >= ? AND ts < ? ORDER BY session_id, ts, seq')
    .iterate(options.since ?? 0, options.until ?? Number.MAX_SAFE_INTEGER) as IterableIterator<Row>;
  const out: SessionHistory[] = [];
  let current: { sessionId: string; events: SessionEvent[] } | undefined;
  for (const r of rows) {
    if (current?.sessionId !== r.session_id) {
      current = { sessionId: r.session_id, events: [] };
      out.push(current);
    }
    current.events.push({ type: r.type, itemId: r.item_id, query: r.query, ts: r.ts });
  }
  return out;
}

/** One session's events in time order, for scoring it live. */
export function readSessionEvents(db: Database, sessionId: string): SessionEvent[] {
  return (db.prepare('SELECT type, item_id, query, ts FROM events WHERE session_id = ? ORDER BY ts, seq').all(sessionId) as Omit<Row, 'session_id'>[]).map((r) => ({
    type: r.type,
    itemId: r.item_id,
    query: r.query,
    ts: r.ts,
  }));
}
