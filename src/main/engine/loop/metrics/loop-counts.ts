import type { LoopCounts } from '../../../../shared/contract';

export const COUNT_FIELDS = [
  'lists',
  'items',
  'clicks',
  'clickedItems',
  'clickedLists',
  'carts',
  'cartedItems',
  'cartedLists',
  'orders',
  'purchasedItems',
  'purchasedLists',
  'units',
  'revenue',
  'revenueSqLists',
  'orderValueSq',
] as const satisfies readonly (keyof LoopCounts)[];

export function emptyCounts(): LoopCounts {
  return { lists: 0, items: 0, clicks: 0, clickedItems: 0, clickedLists: 0, carts: 0, cartedItems: 0, cartedLists: 0, orders: 0, purchasedItems: 0, purchasedLists: 0, units: 0, revenue: 0, revenueSqLists: 0, orderValueSq: 0 };
}

/** Adds `more` into `into` field by field and returns `into`. */
export function addCounts(into: LoopCounts, more: Readonly<LoopCounts>): LoopCounts {
  for (const f of COUNT_FIELDS) into[f] += more[f];
  return into;
}

/** The counts' column names in the roll-up tables, in COUNT_FIELDS order. */
export const COUNT_COLUMNS: Readonly<Record<(typeof COUNT_FIELDS)[number], string>> = {
  lists: 'lists',
  items: 'items',
  clicks: 'clicks',
  clickedItems: 'clicked_items',
  clickedLists: 'clicked_lists',
  carts: 'carts',
  cartedItems: 'carted_items',
  cartedLists: 'carted_lists',
  orders: 'orders',
  purchasedItems: 'purchased_items',
  purchasedLists: 'purchased_lists',
  units: 'units',
  revenue: 'revenue',
  revenueSqLists: 'revenue_sq_lists',
  orderValueSq: 'order_value_sq',
};
