import { generateCatalog } from '../../../src/main/engine/demo';
import type { CatalogItem } from '../../../src/shared/contract';
import { SimulatorTruth } from '../../../src/main/simulator';

/** The demo generator's first 600 items (seed 42) and the simulator's truth over them. */
export const catalogue: CatalogItem[] = generateCatalog({ seed: 42, count: 600 });
export const truth = SimulatorTruth.fromCatalogue(catalogue, { seed: 42, shoppers: 40 });

const rankings = new Map<string, string[]>();

/** Every item, most attractive to this shopper first. */
function rankedFor(shopperId: string): string[] {
  let ranked = rankings.get(shopperId);
  if (ranked === undefined) {
    ranked = catalogue
      .map((item) => ({ itemId: item.itemId, alpha: truth.attractiveness(shopperId, item.itemId) }))
      .sort((a, b) => b.alpha - a.alpha || (a.itemId < b.itemId ? -1 : 1))
      .map((x) => x.itemId);
    rankings.set(shopperId, ranked);
  }
  return ranked;
}

/** The shopper's n best items by attractiveness, best first: an oracle ranking. */
export function bestItemsFor(shopperId: string, n: number): string[] {
  return rankedFor(shopperId).slice(0, n);
}

/** A mixed list: good, middling and poor items for this shopper, interleaved (a realistic spread of alpha). */
export function mixedListFor(shopperId: string, n: number): string[] {
  const ranked = rankedFor(shopperId);
  const step = Math.floor(ranked.length / n);
  return Array.from({ length: n }, (_, i) => ranked[i * step] as string);
}
