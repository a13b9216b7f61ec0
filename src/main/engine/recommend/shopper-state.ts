import type { PurchaseIntentModel } from '../ranking';
import type { RetrievalService } from '../retrieval';
import type { RecentEvent } from '../sessions/live-sessions';
import { sessionIntent, type SessionIntent } from '../sessions/session-intent';
import type { IntentCache } from './intent-cache';
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
  /** Keeps each shopper's intent between requests while its inputs are unchanged (none: computed every time). */
  intents?: IntentCache;
}

/** Queries typed in the session shape the intent: the few newest that have no embedding yet. */
export function queriesToEmbed(events: readonly RecentEvent[], queries: QueryVectors | undefined): string[] {
  if (!queries) return [];
  const typed = [...new Set(events.filter((e) => e.query !== null).map((e) => e.query!))].slice(-3);
  return typed.filter((q) => !queries.peek(q));
}

/** Embeds the session's newest queries not seen before. */
export async function embedNewQueries(events: readonly RecentEvent[], queries: QueryVectors | undefined): Promise<void> {
  for (const q of queriesToEmbed(events, queries)) await queries!.get(q);
}

export function shopperState(events: readonly RecentEvent[], sessionId: string | null, now: number, src: StateSources): ShopperState {
  const index = src.retrieval.index;
  const compute = (): SessionIntent => sessionIntent(events, { itemVector: (id) => index.vectorView(id), queryVector: (q) => src.queries?.peek(q) }, { now });
  const intent = src.intents ? src.intents.get(events, now, index, embeddedQueries(events, src.queries), compute) : compute();
  const current = sessionId ?? intent.currentSessionId;
  const inSession = events.filter((e) => e.sessionId === current);
  const purchase =
    !current || inSession.length === 0 ? 0 : src.purchaseModel ? src.purchaseModel.intent(current, inSession, now).probability : PRIOR_PURCHASE_PROBABILITY;
  return { events, intent, purchase, now };
}

/** How many of the events' queries have an embedding now (an intent made before one arrived is stale). */
function embeddedQueries(events: readonly RecentEvent[], queries: QueryVectors | undefined): number {
  if (!queries) return 0;
  let n = 0;
  for (const e of events) if (e.query !== null && queries.peek(e.query)) n++;
  return n;
}
