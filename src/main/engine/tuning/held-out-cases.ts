import type { Database } from 'better-sqlite3';
import type { RecentEvent } from '../sessions/live-sessions';

/** One replay case: what the shopper did before, and the item they turned to next. */
export interface ReplayCase {
  shopperId: string;
  sessionId: string;
  prefix: RecentEvent[];
  targetItemId: string;
  targetTs: number;
}

const ITEM_TYPES = new Set(['view', 'click', 'add_to_cart', 'purchase']);

/**
 * The held-out window: the most recent sessions with at least two item events. Each gives one case:
 * everything before its last item event is the prefix, that item is the target. Recent sessions are
 * the fairest proxy for the traffic a weight change will meet next.
 */
export function heldOutCases(db: Database, count: number): { cases: ReplayCase[]; windowStart: number | null; windowEnd: number | null } {
  const sessions = db
    .prepare(
      `SELECT session_id, shopper_id, started_at FROM sessions WHERE event_count >= 3 ORDER BY started_at DESC LIMIT ?`,
    )
    .all(count * 3) as { session_id: string; shopper_id: string; started_at: number }[];
  const eventsOf = db.prepare('SELECT type, item_id, query, price, ts, session_id FROM events WHERE session_id = ? ORDER BY ts, seq');
  const cases: ReplayCase[] = [];
  let windowStart: number | null = null;
  let windowEnd: number | null = null;
  for (const s of sessions) {
    if (cases.length >= count) break;
    const events = (eventsOf.all(s.session_id) as { type: string; item_id: string | null; query: string | null; price: number | null; ts: number; session_id: string }[]).map(
      (r): RecentEvent => ({ type: r.type, itemId: r.item_id, query: r.query, price: r.price, ts: r.ts, sessionId: r.session_id }),
    );
    const itemEvents = events.map((e, i) => ({ e, i })).filter(({ e }) => ITEM_TYPES.has(e.type) && e.itemId !== null);
    if (itemEvents.length < 2) continue;
    const last = itemEvents[itemEvents.length - 1]!;
    cases.push({ shopperId: s.shopper_id, sessionId: s.session_id, prefix: events.slice(0, last.i), targetItemId: last.e.itemId!, targetTs: last.e.ts });
    windowStart = Math.min(windowStart ?? s.started_at, s.started_at);
    windowEnd = Math.max(windowEnd ?? last.e.ts, last.e.ts);
  }
  return { cases, windowStart, windowEnd };
}
