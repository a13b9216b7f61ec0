import { SYSTEM_EVENT_TYPES, type SessionHistory } from './session-event';
import { featuresOf, type IntentFeatures } from './session-features';

/** After this much inactivity a session is over (the store's sessionising rule). */
export const SESSION_END_GAP_MS = 30 * 60 * 1000;

export interface IntentExample {
  readonly sessionId: string;
  readonly features: IntentFeatures;
  /** 1 when the session goes on to buy. */
  readonly label: 0 | 1;
}

/**
 * One training example per session, as the engine would see the session at a random moment
 * before any purchase: a cut after a random shopper event (never the purchase, never after it),
 * observed a random fraction of the way to the next event — or, after a non-buyer's last event,
 * of the 30 minutes until the session times out. The label is whether the session contains a
 * purchase. Features never see the purchase or anything after it, and buyers' and non-buyers'
 * prefixes are cut the same way, so neither length nor idle time gives the label away.
 */
export function sessionExample(session: SessionHistory, random: () => number): IntentExample | undefined {
  const events = [...session.events].sort((a, b) => a.ts - b.ts);
  const firstPurchase = events.findIndex((e) => e.type === 'purchase');
  const end = firstPurchase === -1 ? events.length : firstPurchase;
  const cuts: number[] = [];
  for (let i = 0; i < end; i++) if (!SYSTEM_EVENT_TYPES.has((events[i] as { type: string }).type)) cuts.push(i);
  if (cuts.length === 0) return undefined;
  const pick = Math.min(cuts.length - 1, Math.floor(random() * cuts.length));
  const cut = cuts[pick] as number;
  const cutTs = (events[cut] as { ts: number }).ts;
  const nextShopperEvent = events.slice(cut + 1).find((e) => !SYSTEM_EVENT_TYPES.has(e.type));
  const gap = nextShopperEvent ? nextShopperEvent.ts - cutTs : SESSION_END_GAP_MS;
  const now = cutTs + random() * gap;
  return { sessionId: session.sessionId, features: featuresOf(events.slice(0, cut + 1), now), label: firstPurchase === -1 ? 0 : 1 };
}

/** Examples for many sessions with one seeded generator, in the order given. */
export function sessionExamples(sessions: readonly SessionHistory[], random: () => number): IntentExample[] {
  const out: IntentExample[] = [];
  for (const s of sessions) {
    const ex = sessionExample(s, random);
    if (ex) out.push(ex);
  }
  return out;
}
