import type { ShopperEvent } from '../../datasets/shopper-event';

/** A session's items in time order, with its last timestamp (the recency session-kNN samples by). */
export interface ItemSession {
  sessionId: string;
  items: string[];
  lastTime: number;
}

/** Groups events by session id and orders each session by time (stable, so equal times keep file order). */
export function groupSessions(events: readonly ShopperEvent[]): ItemSession[] {
  const bySession = new Map<string, ShopperEvent[]>();
  for (const e of events) {
    const list = bySession.get(e.sessionId);
    if (list === undefined) bySession.set(e.sessionId, [e]);
    else list.push(e);
  }
  const sessions: ItemSession[] = [];
  for (const [sessionId, list] of bySession) {
    list.sort((a, b) => a.time - b.time);
    sessions.push({ sessionId, items: list.map((e) => e.itemId), lastTime: list[list.length - 1]?.time ?? 0 });
  }
  return sessions;
}

/**
 * Splits a visitor's events into sessions at gaps longer than `gapSeconds` (30 min by default,
 * the usual web-analytics rule) for logs such as RetailRocket that have no session ids.
 */
export function sessioniseByGap(events: readonly ShopperEvent[], gapSeconds = 1800): ShopperEvent[] {
  const sorted = [...events].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : a.time - b.time));
  const out: ShopperEvent[] = [];
  let part = 0;
  let prev: ShopperEvent | undefined;
  for (const e of sorted) {
    if (prev === undefined || prev.sessionId !== e.sessionId) part = 0;
    else if (e.time - prev.time > gapSeconds) part += 1;
    out.push({ ...e, sessionId: `${e.sessionId}/${part}` });
    prev = e;
  }
  return out;
}
