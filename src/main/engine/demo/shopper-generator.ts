import type { CatalogItem } from '../../../shared/contract/catalog';
import type { EventInput } from '../../../shared/contract/events';
import { Random } from './random';
import { simulateSession, type SessionEvent } from './session-simulator';
import { arrangeShopFloor, type Shelf } from './shop-floor';
import { drawShopperIntent, type ShopperIntent } from './shopper-intent';

export interface ShopperEventOptions {
  readonly seed: number;
  /** Any catalogue: the demo one or a real import (items are grouped by their `category`). */
  readonly catalog: readonly CatalogItem[];
  /** Number of shoppers; ids run from `U00001`. */
  readonly shoppers: number;
  /** Epoch ms of the first moment of the simulated period. */
  readonly startTs: number;
  /** Length of the period in days; no event falls at or after `startTs + days`. */
  readonly days: number;
  /** Log search result pages as `impression` events (default true). */
  readonly impressions?: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A session ends after this much inactivity; generated sessions are always further apart. */
export const SESSION_INACTIVITY_MS = 30 * MINUTE;

/** Relative traffic per hour of the day: quiet nights, a lunchtime bump, an evening peak. */
const HOUR_WEIGHTS = [
  1, 0.6, 0.35, 0.25, 0.2, 0.3, 0.7, 1.3, 1.9, 2.2, 2.4, 2.6, 3.1, 3, 2.6, 2.4, 2.5, 2.8, 3.3, 4.1, 4.6, 4.3, 3.1, 1.8,
];

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** When a shopper's visits begin, sorted; how many depends on how often they shop. */
function visitTimes(rng: Random, intent: ShopperIntent, startTs: number, days: number): number[] {
  const endTs = startTs + days * DAY;
  const count = Math.max(1, rng.poisson(Math.min(40, (intent.sessionsPerWeek * days) / 7)));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const day = rng.int(0, Math.max(0, Math.ceil(days) - 1));
    const ts = startTs + day * DAY + rng.weightedIndex(HOUR_WEIGHTS) * HOUR + rng.int(0, HOUR - 1);
    if (ts < endTs) times.push(ts);
  }
  return times.sort((a, b) => a - b);
}

/** Mostly the favourite category, sometimes another preferred one, now and then a neighbour to explore. */
function visitFocus(rng: Random, intent: ShopperIntent): Shelf {
  const primary = intent.shelves[0] as Shelf;
  const r = rng.next();
  if (r < 0.1 && primary.neighbours.length > 0) return rng.pick(primary.neighbours);
  if (r < 0.4 && intent.shelves.length > 1) return rng.pick(intent.shelves.slice(1));
  return primary;
}

/**
 * Deterministic shopper behaviour over a catalogue: each shopper gets a latent intent and a few
 * sessions spread over the period, at least 30 minutes apart; each session runs a funnel
 * (search, views, clicks, cart, purchase). Events come back sorted by time with ids
 * `demo-<seed>-<n>`. Each shopper draws from their own random stream, so shopper 7 behaves
 * the same whether 10 or 10,000 shoppers are simulated.
 */
export function generateShopperEvents(options: ShopperEventOptions): EventInput[] {
  const { seed, catalog, shoppers, startTs, days } = options;
  assertCount('shoppers', shoppers);
  assertCount('startTs', startTs);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be a non-negative number, got ${days}`);
  if (catalog.length === 0 || shoppers === 0 || days === 0) return [];

  const floor = arrangeShopFloor(catalog, seed);
  const endTs = startTs + days * DAY;
  const drafts: SessionEvent[] = [];
  for (let n = 1; n <= shoppers; n++) {
    const rng = Random.stream(seed, `shopper:${n}`);
    const intent = drawShopperIntent(rng, floor, n);
    let lastEventTs = Number.NEGATIVE_INFINITY;
    let sessionNo = 0;
    for (const visit of visitTimes(rng, intent, startTs, days)) {
      const begin = Math.max(visit, lastEventTs + SESSION_INACTIVITY_MS + MINUTE + rng.int(0, 15 * MINUTE));
      if (begin >= endTs) break;
      sessionNo++;
      const session = simulateSession(rng, {
        intent,
        sessionId: `${intent.shopperId}-S${sessionNo}`,
        startTs: begin,
        focus: visitFocus(rng, intent),
        impressions: options.impressions ?? true,
      });
      for (const event of session) {
        if (event.ts >= endTs) break;
        drafts.push(event);
        lastEventTs = event.ts;
      }
    }
  }
  // Stable sort: events at the same millisecond keep shopper and session order.
  drafts.sort((a, b) => a.ts - b.ts);
  return drafts.map((event, i) => ({ id: `demo-${seed}-${i + 1}`, ...event }));
}
