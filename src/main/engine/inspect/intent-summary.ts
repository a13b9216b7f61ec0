import type { IntentSummary } from '../../../shared/contract';
import type { ItemCache } from '../recommend/item-cache';
import type { ShopperState } from '../recommend/shopper-state';

function shares(weights: Map<string, number>, top: number): { name: string; share: number }[] {
  const total = [...weights.values()].reduce((s, w) => s + w, 0);
  if (total <= 0) return [];
  return [...weights.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, w]) => ({ name, share: w / total }));
}

/** The intent in the merchandiser's words: which categories and brands it leans to, what price band, how close to buying. */
export function summariseIntent(state: ShopperState, items: ItemCache): IntentSummary {
  const categories = new Map<string, number>();
  const brands = new Map<string, number>();
  for (const e of state.intent.evidence) {
    if (e.itemId === null || e.weight <= 0) continue;
    const item = items.get(e.itemId);
    if (item?.category) categories.set(item.category, (categories.get(item.category) ?? 0) + e.weight);
    if (item?.brand) brands.set(item.brand, (brands.get(item.brand) ?? 0) + e.weight);
  }
  const band = state.intent.priceBand;
  return {
    topCategories: shares(categories, 3),
    topBrands: shares(brands, 3),
    priceBand: band ? { median: band.median, low: band.median * Math.exp(-band.spread), high: band.median * Math.exp(band.spread) } : null,
    purchaseProbability: state.purchase,
  };
}
