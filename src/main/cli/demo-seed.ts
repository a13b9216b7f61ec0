import { demoDataset } from '../engine/demo';
import type { Engine } from '../engine/engine';

/** Fills an empty store with the project's own generated catalogue and shopper sessions; leaves a used store alone. */
export function seedDemoData(engine: Engine): { items: number; events: number } | undefined {
  const stats = engine.stats.stats();
  if (stats.items > 0 || stats.events > 0) return undefined;
  const { catalog, events } = demoDataset();
  engine.catalog.upsertItems(catalog);
  let stored = 0;
  for (let i = 0; i < events.length; i += 5000) {
    stored += engine.events.insertEvents(events.slice(i, i + 5000), { rejectWholeBatch: false, history: true }).stored.length;
  }
  return { items: catalog.length, events: stored };
}
