import type { CatalogItem } from '../../../shared/contract/catalog';
import type { EventInput } from '../../../shared/contract/events';
import { generateCatalog } from './catalog-generator';
import { generateShopperEvents } from './shopper-generator';

/**
 * The project's own deterministic demo data: a realistic catalogue and shopper behaviour over it.
 * Pure functions, no I/O and no clock: the same options always give the same data.
 */
export { generateCatalog, demoItemId, type CatalogOptions } from './catalog-generator';
export { generateShopperEvents, SESSION_INACTIVITY_MS, type ShopperEventOptions } from './shopper-generator';
export { demoShopperId } from './shopper-intent';
export { DEPARTMENTS, SHOP_LEAVES, shopLeafFor, type ShopLeaf } from './vocabulary';

export const DEMO_SEED = 42;
/** The demo period ends at 2025-06-01T00:00:00Z; a fixed date keeps the dataset identical on every run. */
export const DEMO_END_TS = Date.UTC(2025, 5, 1);

const DAY = 86_400_000;

export interface DemoDatasetOptions {
  readonly seed?: number;
  readonly items?: number;
  readonly shoppers?: number;
  readonly days?: number;
  /** Epoch ms at which the period ends (exclusive). */
  readonly endTs?: number;
  readonly impressions?: boolean;
}

export interface DemoDataset {
  readonly seed: number;
  readonly startTs: number;
  readonly endTs: number;
  readonly catalog: CatalogItem[];
  /** Sorted by `ts`. */
  readonly events: EventInput[];
}

/** About 5,000 items and 600 shoppers over the 14 days before {@link DEMO_END_TS}, unless told otherwise. */
export function demoDataset(options: DemoDatasetOptions = {}): DemoDataset {
  const seed = options.seed ?? DEMO_SEED;
  const days = options.days ?? 14;
  const endTs = options.endTs ?? DEMO_END_TS;
  const startTs = endTs - Math.round(days * DAY);
  const catalog = generateCatalog({ seed, count: options.items ?? 5_000 });
  const events = generateShopperEvents({
    seed,
    catalog,
    shoppers: options.shoppers ?? 600,
    startTs,
    days,
    impressions: options.impressions ?? true,
  });
  return { seed, startTs, endTs, catalog, events };
}
