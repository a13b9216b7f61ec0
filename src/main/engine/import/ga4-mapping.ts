import { FieldError, optionalNumber, optionalString } from './field-coercion';
import { contentEventId, withoutUndefined } from './event-mapping';
import type { MappedRecord } from './mapped-record';

/** GA4 recommended e-commerce events -> our types. Item-level events yield one event per item. */
const GA4_TYPES: Record<string, string> = {
  view_item: 'view',
  select_item: 'click',
  add_to_cart: 'add_to_cart',
  remove_from_cart: 'remove_from_cart',
  purchase: 'purchase',
  view_item_list: 'impression',
  view_search_results: 'search',
  search: 'search',
  add_to_wishlist: 'custom:add_to_wishlist',
  view_cart: 'custom:view_cart',
  begin_checkout: 'custom:begin_checkout',
};

interface Ga4Param {
  key?: unknown;
  value?: { string_value?: unknown; int_value?: unknown; float_value?: unknown; double_value?: unknown };
}

/** GA4's BigQuery export stores parameters as a key/value list with typed value slots. */
function param(row: Record<string, unknown>, key: string): unknown {
  const params = Array.isArray(row.event_params) ? (row.event_params as Ga4Param[]) : [];
  const v = params.find((p) => p.key === key)?.value;
  return v?.string_value ?? v?.int_value ?? v?.double_value ?? v?.float_value ?? undefined;
}

/** One row of a GA4 BigQuery export (events_YYYYMMDD as JSONL). */
export function mapGa4Row(row: Record<string, unknown>): MappedRecord {
  const name = optionalString(row.event_name);
  if (name === undefined) throw new FieldError('event_name', 'missing');
  const type = GA4_TYPES[name];
  if (type === undefined) return { skip: `GA4 ${name} is not an e-commerce event` };
  const micros = optionalNumber('event_timestamp', row.event_timestamp);
  if (micros === undefined) throw new FieldError('event_timestamp', 'missing');
  const shopperId = optionalString(row.user_id) ?? optionalString(row.user_pseudo_id);
  if (shopperId === undefined) throw new FieldError('user_pseudo_id', 'missing (and no user_id)');
  const gaSession = optionalString(param(row, 'ga_session_id'));
  const base = {
    type,
    shopperId,
    sessionId: gaSession === undefined ? undefined : `ga-${shopperId}-${gaSession}`,
    ts: Math.floor(micros / 1000),
  };
  const transactionId = optionalString((row.ecommerce as Record<string, unknown> | undefined)?.transaction_id);
  if (type === 'search') {
    const query = optionalString(param(row, 'search_term'));
    if (query === undefined) throw new FieldError('event_params.search_term', 'missing for a search event');
    return { rows: [withId({ ...base, query })] };
  }
  const items = Array.isArray(row.items) ? (row.items as Record<string, unknown>[]) : [];
  if (items.length === 0) throw new FieldError('items', `${name} has no items`);
  return {
    rows: items.map((item, i) =>
      withId({
        ...base,
        itemId: optionalString(item.item_id),
        price: optionalNumber(`items.${i}.price`, item.price),
        quantity: optionalNumber(`items.${i}.quantity`, item.quantity),
        context: withoutUndefined({ item_name: optionalString(item.item_name), transaction_id: transactionId, list: optionalString(item.item_list_name) }),
      }),
    ),
  };
}

function withId(e: Record<string, unknown>): Record<string, unknown> {
  const clean = withoutUndefined(e);
  if (clean.context && Object.keys(clean.context as object).length === 0) delete clean.context;
  return { id: contentEventId(clean as never), ...clean };
}
