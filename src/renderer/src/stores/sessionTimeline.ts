import type { SessionSummary, StoredEvent } from '../transport/contract';

/** Timeline order is the order the shopper acted in: event time, then ingest order for ties. */
export function timelineOrder(events: readonly StoredEvent[]): StoredEvent[] {
  return [...events].sort((a, b) => a.ts - b.ts || a.seq - b.seq);
}

/** Adds pushed events belonging to the open session, once each, keeping timeline order. */
export function appendToTimeline(timeline: readonly StoredEvent[], sessionId: string, incoming: readonly StoredEvent[]): StoredEvent[] {
  const known = new Set(timeline.map((e) => e.id));
  const fresh = incoming.filter((e) => e.sessionId === sessionId && !known.has(e.id));
  return fresh.length === 0 ? [...timeline] : timelineOrder([...timeline, ...fresh]);
}

/**
 * Keeps the session list current from pushed events without another request: counts go up, new sessions
 * appear, most recently active first. The list stays at most `limit` long, like the server's answer.
 */
export function applyEventsToSessions(sessions: readonly SessionSummary[], events: readonly StoredEvent[], limit: number): SessionSummary[] {
  const byId = new Map(sessions.map((s) => [s.sessionId, { ...s }]));
  for (const event of events) {
    const existing = byId.get(event.sessionId);
    if (existing) {
      existing.eventCount += 1;
      existing.lastEventAt = Math.max(existing.lastEventAt, event.ts);
      existing.startedAt = Math.min(existing.startedAt, event.ts);
      if (event.type === 'purchase') existing.purchases = (existing.purchases ?? 0) + 1;
    } else {
      byId.set(event.sessionId, { sessionId: event.sessionId, shopperId: event.shopperId, startedAt: event.ts, lastEventAt: event.ts, eventCount: 1, purchases: event.type === 'purchase' ? 1 : 0 });
    }
  }
  return [...byId.values()].sort((a, b) => b.lastEventAt - a.lastEventAt).slice(0, limit);
}
