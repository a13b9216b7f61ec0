import type { CatalogRepository } from '../../store/catalog-repository';
import { CHANNELS, type Channel, type ChannelScores, type FiredRule, type RankedItem } from '../../../../shared/contract/recommendations';
import { NO_RULES, servedItems, type ServedItem } from './served-list';

/**
 * How a logged list's items are stored in `impressions.items` (docs/RANKING.md, "Impressions and
 * propensities"). One JSON array a list, one array an item:
 *
 *   [itemId, position, score, propensity, price | null, {channel: contribution, non-zero only}, [[ruleId, kind, effect, note], ...], [source, ...]]
 *
 * The catalogue's title, brand and category are not stored: they are read from `items` when a
 * list is read back. Score and contributions keep six decimal places; the propensity is kept
 * whole (it can be as small as 1e-9, and estimators divide by it). Rows written before this
 * format hold the contract's `RankedItem` objects; every reader here takes both.
 */
export type StoredListItem = [string, number, number, number, number | null, Partial<Record<Channel, number>>, [string, FiredRule['kind'], number, string][], string[]];

/** What the catalogue says of an item when a list is read back (undefined: no longer in it). */
export type CatalogueFields = Pick<RankedItem, 'title' | 'brand' | 'category'>;

/** The catalogue's fields of a stored item, as the catalogue has them now (its repository's lookup by id). */
export function catalogueLookup(catalog: Pick<CatalogRepository, 'get'>): (itemId: string) => CatalogueFields | undefined {
  return (itemId) => {
    const item = catalog.get(itemId);
    return item ? { title: item.title, ...(item.brand !== undefined ? { brand: item.brand } : {}), ...(item.category !== undefined ? { category: item.category } : {}) } : undefined;
  };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function storedItem(item: RankedItem): StoredListItem {
  const contributions: Partial<Record<Channel, number>> = {};
  for (const c of CHANNELS) {
    const v = round6(item.contributions[c]);
    if (v !== 0) contributions[c] = v;
  }
  return [
    item.itemId,
    item.position,
    round6(item.score),
    item.propensity,
    item.price ?? null,
    contributions,
    item.rules.map((r) => [r.ruleId, r.kind, round6(r.effect), r.note]),
    item.sources,
  ];
}

/** A list's items as they are stored. */
export function encodeStoredItems(items: readonly RankedItem[]): string {
  return JSON.stringify(items.map(storedItem));
}

function isStored(item: unknown): item is StoredListItem {
  return Array.isArray(item);
}

function rankedItem(item: StoredListItem, catalogue: (itemId: string) => CatalogueFields | undefined): RankedItem {
  const [itemId, position, score, propensity, price, stored, rules, sources] = item;
  const contributions = Object.fromEntries(CHANNELS.map((c) => [c, stored[c] ?? 0])) as ChannelScores;
  const fields = catalogue(itemId);
  return {
    itemId,
    // An item since removed from the catalogue is shown by its id.
    title: fields?.title ?? itemId,
    ...(fields?.brand !== undefined ? { brand: fields.brand } : {}),
    ...(fields?.category !== undefined ? { category: fields.category } : {}),
    ...(price !== null ? { price } : {}),
    position,
    score,
    propensity,
    contributions,
    rules: rules.map(([ruleId, kind, effect, note]) => ({ ruleId, kind, effect, note })),
    sources,
  };
}

/**
 * A stored list's items as the contract's `RankedItem`s (unchecked: the caller parses them).
 * `catalogue` is asked only for items stored in the compact form.
 */
export function decodeStoredItems(json: string, catalogue: (itemId: string) => CatalogueFields | undefined): unknown[] {
  const items = JSON.parse(json) as unknown[];
  return items.map((item) => (isStored(item) ? rankedItem(item, catalogue) : item));
}

/** The ids a stored list holds, in stored (position) order. */
export function storedItemIds(json: string): string[] {
  const items = JSON.parse(json) as unknown[];
  return items.map((item) => (isStored(item) ? item[0] : String((item as { itemId?: unknown }).itemId)));
}

/** The loop's view of a stored list's items (no catalogue needed). */
export function storedServedItems(json: string): ServedItem[] {
  const items = JSON.parse(json) as unknown[];
  if (!items.every(isStored)) return servedItems(items as RankedItem[]);
  return items.map(([itemId, position, , propensity, , , rules]) => ({ itemId, position, propensity, ruleIds: rules.length === 0 ? NO_RULES : rules.map((r) => r[0]) }));
}
