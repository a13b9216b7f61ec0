import { demoDataset } from '../engine/demo';
import type { Engine } from '../engine/engine';

/**
 * Fills an empty store with the project's own generated catalogue and shopper sessions; leaves a used
 * store alone. `items` (default 5,000) is for tests that need a smaller shop (INSTINCT_DEMO_ITEMS).
 */
export function seedDemoData(engine: Engine, options: { items?: number } = {}): { items: number; events: number } | undefined {
  const stats = engine.stats.stats();
  if (stats.items > 0 || stats.events > 0) return undefined;
  const { catalog, events } = demoDataset(options.items !== undefined ? { items: options.items } : {});
  engine.catalog.upsertItems(catalog);
  let stored = 0;
  for (let i = 0; i < events.length; i += 5000) {
    stored += engine.events.insertEvents(events.slice(i, i + 5000), { rejectWholeBatch: false, history: true }).stored.length;
  }
  return { items: catalog.length, events: stored };
}
