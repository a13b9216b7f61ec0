import type { PurchaseIntentModel } from '../ranking';
import type { RetrievalService } from '../retrieval';
import type { RecentEvent } from '../sessions/live-sessions';
import { sessionIntent, type SessionIntent } from '../sessions/session-intent';
import type { QueryVectors } from './query-vectors';

/** Purchase probability used before a purchase-intent model has been fitted: the demo's base rate. */
export const PRIOR_PURCHASE_PROBABILITY = 0.1;

/** What one request knows about its shopper: their events, the intent they add up to, and how close they are to buying. */
export interface ShopperState {
  events: readonly RecentEvent[];
  intent: SessionIntent;
  purchase: number;
  now: number;
}

export interface StateSources {
  retrieval: RetrievalService;
  queries: QueryVectors | undefined;
  purchaseModel: PurchaseIntentModel | undefined;
}

/** Queries typed in the session shape the intent: embed the few newest not seen before. */
export async function embedNewQueries(events: readonly RecentEvent[], queries: QueryVectors | undefined): Promise<void> {
  if (!queries) return;
  const typed = [...new Set(events.filter((e) => e.query !== null).map((e) => e.query!))].slice(-3);
  for (const q of typed) if (!queries.peek(q)) await queries.get(q);
}

export function shopperState(events: readonly RecentEvent[], sessionId: string | null, now: number, src: StateSources): ShopperState {
  const intent = sessionIntent(events, { itemVector: (id) => src.retrieval.index.vectorView(id), queryVector: (q) => src.queries?.peek(q) }, { now });
  const current = sessionId ?? intent.currentSessionId;
  const inSession = events.filter((e) => e.sessionId === current);
  const purchase =
    !current || inSession.length === 0 ? 0 : src.purchaseModel ? src.purchaseModel.intent(current, inSession, now).probability : PRIOR_PURCHASE_PROBABILITY;
  return { events, intent, purchase, now };
}
