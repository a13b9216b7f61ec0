import type { EventInput, MethodInput, MethodName, MethodOutput, RankedList } from '../../shared/contract';
import type { Random } from '../engine/demo/random';
import type { Shelf } from '../engine/demo/shop-floor';
import { composeQuery } from '../engine/demo/site-search';
import { SimulatorCallError } from './call-error';
import type { Clock } from './clock';
import type { ContractClient } from './contract-client';
import { respond, type ShopperResponse } from './respond';
import type { SessionConfig } from './session-config';
import { itemEvent, type ListTag } from './shopper-events';
import type { SimulatedShopper } from './simulated-shopper';
import type { SessionOutcome, SimulatorCounters } from './simulator-counters';
import type { SimulatorTruth } from './simulator-truth';
import { backToList, checkOut, readProductPage, scanList } from './think-time';

/** A list a simulated shopper was shown, and what they did with it. */
export interface ShownList {
  readonly sessionId: string;
  readonly shopperId: string;
  /** How it was asked for: the home list, a product page's list (after a click), or a search. */
  readonly via: 'home' | 'product' | 'search';
  readonly list: RankedList;
  readonly response: ShopperResponse;
}

export interface SessionDeps {
  readonly client: ContractClient;
  readonly truth: SimulatorTruth;
  /** Timestamps of the events and the shopper's pauses. */
  readonly clock: Clock;
  readonly config: SessionConfig;
  /** Ends the session at its next step (after the call in flight). */
  readonly signal?: AbortSignal;
  /** Totals updated as the session goes, so a live view sees them at once and a failed session still counts. */
  readonly counters?: SimulatorCounters;
  /** Every list shown, with the drawn response (for estimators and benches). */
  readonly onList?: (shown: ShownList) => void;
}

type ListRequest = { via: 'home' } | { via: 'product'; itemId: string } | { via: 'search'; query: string };

interface CartLine {
  readonly itemId: string;
  readonly price: number | undefined;
  readonly quantity: number;
  readonly purchased: boolean;
  readonly tag: ListTag | undefined;
}

/** Mostly the favourite shelf, sometimes another preferred one, now and then a neighbour (as the demo generator's visits). */
function visitFocus(rng: Random, shopper: SimulatedShopper): Shelf {
  const primary = shopper.intent.shelves[0] as Shelf;
  const r = rng.next();
  if (r < 0.1 && primary.neighbours.length > 0) return rng.pick(primary.neighbours);
  if (r < 0.4 && shopper.intent.shelves.length > 1) return rng.pick(shopper.intent.shelves.slice(1));
  return primary;
}

/**
 * One simulated visit, through the contract only: the shopper arrives, asks for the home list or
 * searches (a query built like the demo generator's), examines the list position by position under
 * the position-based model (`respond`), sends click + view events for each click (with the list's
 * impressionId and position for `explicitIdShare` of them), adds some to the cart, may open a clicked
 * item's 'product' list or ask again, and at the end buys the cart lines it decided to buy.
 * With a ManualClock and a deterministic engine the events are the same for the same rng.
 */
export async function runSession(deps: SessionDeps, sessionNo: number, rng: Random): Promise<SessionOutcome> {
  const { client, truth, clock, config, signal } = deps;
  const shopper = truth.drawShopper(rng);
  const shopperId = shopper.shopperId;
  const sessionId = `${config.sessionIdPrefix}${sessionNo}`;
  const counters = deps.counters;
  const outcome = { sessionId, shopperId, lists: 0, clicks: 0, explicitClicks: 0, carts: 0, purchases: 0, revenue: 0 };
  const cart = new Map<string, CartLine>();
  const stopped = (): boolean => signal?.aborted === true;
  const think = (ms: number): Promise<void> => clock.sleep(ms / config.speed, signal);
  const scope = (): { shopperId: string; sessionId: string; ts: number } => ({ shopperId, sessionId, ts: Math.round(clock.now()) });

  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    try {
      return await client.call(method, input);
    } catch (err) {
      if (counters) counters.errors++;
      throw new SimulatorCallError(method, err);
    }
  };
  const ingest = async (events: EventInput[]): Promise<void> => {
    await call('events.ingest', { events });
  };
  const searchRequest = (): ListRequest => ({ via: 'search', query: composeQuery(rng, visitFocus(rng, shopper), shopper.intent).text });
  const fetchList = (req: ListRequest): Promise<RankedList> => {
    const k = config.listSize;
    if (req.via === 'search') return call('search', { query: req.query, shopperId, sessionId, k });
    if (req.via === 'product') return call('recommend', { shopperId, sessionId, k, slot: 'product', context: { itemId: req.itemId } });
    return call('recommend', { shopperId, sessionId, k, slot: 'home' });
  };

  let next: ListRequest = rng.chance(config.searchShare) ? searchRequest() : { via: 'home' };
  while (!stopped()) {
    const list = await fetchList(next);
    outcome.lists++;
    if (counters) counters.lists++;
    const response = respond(truth, shopperId, list.items, rng, clock.now());
    deps.onList?.({ sessionId, shopperId, via: next.via, list, response });
    await think(scanList(rng));
    let opened = 0;
    for (const line of response.lines) {
      if (!line.clicked) continue;
      const explicit = rng.chance(config.explicitIdShare);
      if (opened++ > 0) await think(backToList(rng));
      if (stopped()) break;
      const tag = explicit ? { impressionId: list.impressionId, position: line.position } : undefined;
      const shown = list.items.find((i) => i.itemId === line.itemId);
      const price = shown?.price ?? truth.shelvedItem(line.itemId)?.item.price;
      const at = scope();
      await ingest([itemEvent('click', at, { itemId: line.itemId, price }, tag), itemEvent('view', { ...at, ts: at.ts + 1 }, { itemId: line.itemId, price }, tag)]);
      outcome.clicks++;
      if (counters) counters.clicks++;
      if (explicit) {
        outcome.explicitClicks++;
        if (counters) counters.explicitClicks++;
      }
      await think(readProductPage(rng));
      if (!line.carted || cart.has(line.itemId) || stopped()) continue;
      await ingest([itemEvent('add_to_cart', scope(), { itemId: line.itemId, price, quantity: line.quantity }, tag)]);
      cart.set(line.itemId, { itemId: line.itemId, price, quantity: line.quantity, purchased: line.purchased, tag });
      outcome.carts++;
      if (counters) counters.carts++;
    }
    if (outcome.lists >= config.maxLists) break;
    const clicked = response.lines.filter((l) => l.clicked);
    if (clicked.length > 0 && rng.chance(config.continueAfterClick)) next = { via: 'product', itemId: rng.pick(clicked).itemId };
    else if (rng.chance(config.continueWithoutClick)) next = rng.chance(0.5) ? searchRequest() : { via: 'home' };
    else break;
  }

  const bought = [...cart.values()].filter((l) => l.purchased);
  if (bought.length > 0 && !stopped()) {
    await think(checkOut(rng));
    const at = scope();
    await ingest(bought.map((l) => itemEvent('purchase', at, { itemId: l.itemId, price: l.price, quantity: l.quantity }, l.tag)));
    for (const l of bought) truth.recordPurchase(shopperId, l.itemId, at.ts);
    const revenue = bought.reduce((sum, l) => sum + (l.price ?? 0) * l.quantity, 0);
    outcome.purchases += bought.length;
    outcome.revenue += revenue;
    if (counters) {
      counters.purchases += bought.length;
      counters.revenue += revenue;
    }
  }
  return outcome;
}
