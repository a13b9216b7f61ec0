import { DEMO_SEED, generateCatalog, generateShopperEvents } from '../engine/demo';
import type { Engine } from '../engine/engine';

/** The demo store's size: enough for every page to have something real to show. */
export const DEMO_ITEMS = 5000;
export const DEMO_SHOPPERS = 600;
export const DEMO_DAYS = 14;
/** A fixed end date keeps the demo data identical on every machine. */
export const DEMO_END_TS = Date.UTC(2026, 10, 1);

/** Fills an empty store with the project's own generated catalogue and shopper sessions; leaves a used store alone. */
export function seedDemoData(engine: Engine): { items: number; events: number } | undefined {
  const stats = engine.stats.stats();
  if (stats.items > 0 || stats.events > 0) return undefined;
  const catalog = generateCatalog({ seed: DEMO_SEED, count: DEMO_ITEMS });
  engine.catalog.upsertItems(catalog);
  const startTs = DEMO_END_TS - DEMO_DAYS * 24 * 3600 * 1000;
  const events = generateShopperEvents({ seed: DEMO_SEED, catalog, shoppers: DEMO_SHOPPERS, startTs, days: DEMO_DAYS });
  let stored = 0;
  for (let i = 0; i < events.length; i += 5000) {
    stored += engine.events.insertEvents(events.slice(i, i + 5000), { rejectWholeBatch: false }).stored.length;
  }
  return { items: catalog.length, events: stored };
}
