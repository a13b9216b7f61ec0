import type { CatalogItem } from '../../../shared/contract/catalog';
import type { EventInput } from '../../../shared/contract/events';
import type { Random } from './random';
import type { Shelf } from './shop-floor';
import { appeal, brandPull, chooseOnShelf, priceFit, type ShopperIntent } from './shopper-intent';
import { composeQuery, searchShelf } from './site-search';

/** An event as a session produces it: always timed and in a session; ids are given after sorting. */
export type SessionEvent = Omit<EventInput, 'id'> & { ts: number; sessionId: string };

export interface SessionPlan {
  readonly intent: ShopperIntent;
  readonly sessionId: string;
  readonly startTs: number;
  /** The category this visit is about. */
  readonly focus: Shelf;
  /** Whether search result pages are logged as impressions. */
  readonly impressions: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** The longest pause between two events of one session; well under the 30-minute inactivity rule. */
export const MAX_PAUSE_IN_SESSION_MS = 20 * MINUTE;

const SEARCH_FIRST_RATE = 0.65;
const REFINE_SEARCH_RATE = 0.08;
const FROM_RESULTS_RATE = 0.55;
const DRIFT_RATE = 0.12;
const REMOVE_RATE = 0.06;

interface CartLine {
  readonly item: CatalogItem;
  readonly quantity: number;
}

function priced(item: CatalogItem): { price?: number } {
  return item.price === undefined ? {} : { price: item.price };
}

/** Time spent looking at one page before the next event: seconds to minutes, log-normal. */
function dwell(rng: Random): number {
  return Math.round(Math.min(MAX_PAUSE_IN_SESSION_MS, Math.max(3 * SECOND, rng.logNormal(40 * SECOND, 0.9))));
}

function cartQuantity(rng: Random, shelf: Shelf): number {
  if (shelf.consumable) return 1 + Math.min(5, rng.geometric(0.6));
  return rng.chance(0.05) ? 2 : 1;
}

/**
 * One visit: an optional search with its result page, then a run of product views that follow
 * the shopper's intent (mostly the focus category, near their price point, sometimes drifting
 * to a neighbouring category); some views lead to a click, some clicks to the cart, and the cart
 * sometimes to a purchase. Purchases are always of lines still in this session's cart.
 */
export function simulateSession(rng: Random, plan: SessionPlan): SessionEvent[] {
  const { intent, sessionId } = plan;
  const events: SessionEvent[] = [];
  const cart = new Map<string, CartLine>();
  let t = plan.startTs;
  let shelf = plan.focus;
  let results: number[] = [];
  let resultsShelf = shelf;

  const emit = (type: string, fields: Omit<EventInput, 'id' | 'type' | 'shopperId' | 'sessionId' | 'ts'>): void => {
    events.push({ type, shopperId: intent.shopperId, sessionId, ...fields, ts: t });
  };

  const search = (): void => {
    const query = composeQuery(rng, shelf, intent);
    emit('search', { query: query.text });
    results = searchShelf(rng, shelf, query);
    resultsShelf = shelf;
    if (!plan.impressions) return;
    results.forEach((index, position) => {
      const item = shelf.items[index] as CatalogItem;
      t += rng.int(40, 250);
      emit('impression', { itemId: item.itemId, ...priced(item), context: { source: 'search', position: position + 1 } });
    });
  };

  if (rng.chance(SEARCH_FIRST_RATE)) search();
  const steps = 1 + Math.min(24, rng.geometric(0.22));
  for (let step = 0; step < steps; step++) {
    if (events.length > 0) t += dwell(rng);
    if (step > 0 && rng.chance(REFINE_SEARCH_RATE)) {
      search();
      continue;
    }

    let onShelf = shelf;
    let index: number;
    let source: string;
    if (results.length > 0 && rng.chance(FROM_RESULTS_RATE)) {
      // Shoppers favour the top of the page, and within it what appeals to them.
      const weights = results.map((i, position) => appeal(resultsShelf, i, intent) / (position + 1));
      onShelf = resultsShelf;
      index = results[rng.weightedIndex(weights)] as number;
      source = 'search';
    } else if (shelf.neighbours.length > 0 && rng.chance(DRIFT_RATE)) {
      onShelf = rng.pick(shelf.neighbours);
      index = chooseOnShelf(rng, onShelf, intent);
      source = 'related';
      if (rng.chance(0.4)) shelf = onShelf;
    } else {
      index = chooseOnShelf(rng, onShelf, intent);
      source = 'browse';
    }

    const item = onShelf.items[index] as CatalogItem;
    emit('view', { itemId: item.itemId, ...priced(item), context: { source } });
    const interest = Math.min(1, ((0.2 + priceFit(item, onShelf, intent)) * Math.sqrt(brandPull(item, intent))) / 1.2);
    if (rng.chance(0.15 + 0.45 * interest)) {
      t += rng.int(2, 20) * SECOND;
      emit('click', { itemId: item.itemId, ...priced(item) });
      const buyable = item.inStock !== false && !cart.has(item.itemId);
      if (buyable && rng.chance(0.08 + 0.5 * intent.buyPropensity * interest)) {
        t += rng.int(5, 60) * SECOND;
        const quantity = cartQuantity(rng, onShelf);
        cart.set(item.itemId, { item, quantity });
        emit('add_to_cart', { itemId: item.itemId, ...priced(item), quantity });
      }
    }
    if (cart.size > 0 && rng.chance(REMOVE_RATE)) {
      const line = rng.pick([...cart.values()]);
      t += rng.int(3, 40) * SECOND;
      cart.delete(line.item.itemId);
      emit('remove_from_cart', { itemId: line.item.itemId, ...priced(line.item), quantity: line.quantity });
    }
  }

  if (cart.size > 0 && rng.chance(0.25 + 0.6 * intent.buyPropensity)) {
    t += rng.int(40, 240) * SECOND;
    for (const line of cart.values()) {
      t += rng.int(100, 400);
      emit('purchase', { itemId: line.item.itemId, ...priced(line.item), quantity: line.quantity });
    }
  }
  return events;
}
