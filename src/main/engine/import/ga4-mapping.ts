import { FieldError, optionalNumber, optionalString } from './field-coercion';
import { boundedId } from '../store/session-id';
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
  const params = Array.isArray(row.event_params) ? (row.event_params as unknown[]).filter(isObject) : [];
  const found = (params as Ga4Param[]).find((p) => p.key === key)?.value;
  const v = isObject(found) ? (found as NonNullable<Ga4Param['value']>) : undefined;
  return v?.string_value ?? v?.int_value ?? v?.double_value ?? v?.float_value ?? undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One row of a GA4 BigQuery export (events_YYYYMMDD as JSONL). */
export function mapGa4Row(row: Record<string, unknown>): MappedRecord {
  const name = optionalString(row.event_name, 'event_name');
  if (name === undefined) throw new FieldError('event_name', 'missing');
  const type = GA4_TYPES[name];
  if (type === undefined) return { skip: `GA4 ${name} is not an e-commerce event` };
  const micros = optionalNumber('event_timestamp', row.event_timestamp);
  if (micros === undefined) throw new FieldError('event_timestamp', 'missing');
  if (micros < 0) throw new FieldError('event_timestamp', 'negative: times before 1970 are not accepted');
  const shopperId = optionalString(row.user_id, 'user_id') ?? optionalString(row.user_pseudo_id, 'user_pseudo_id');
  if (shopperId === undefined) throw new FieldError('user_pseudo_id', 'missing (and no user_id)');
  const gaSession = optionalString(param(row, 'ga_session_id'), 'event_params.ga_session_id');
  const base = {
    type,
    shopperId,
    // Bounded like every generated id: a long shopper id must not make a session id the contract refuses.
    sessionId: gaSession === undefined ? undefined : boundedId(`ga-${shopperId}-${gaSession}`),
    ts: Math.floor(micros / 1000),
  };
  const transactionId = optionalString(isObject(row.ecommerce) ? row.ecommerce.transaction_id : undefined, 'ecommerce.transaction_id');
  if (type === 'search') {
    const query = optionalString(param(row, 'search_term'), 'event_params.search_term');
    if (query === undefined) throw new FieldError('event_params.search_term', 'missing for a search event');
    return { rows: [withId({ ...base, query })] };
  }
  const items = Array.isArray(row.items) ? (row.items as unknown[]) : [];
  if (items.length === 0) throw new FieldError('items', `${name} has no items`);
  const notObject = items.findIndex((item) => !isObject(item));
  if (notObject >= 0) throw new FieldError(`items.${notObject}`, 'not an object');
  return {
    rows: (items as Record<string, unknown>[]).map((item, i) =>
      withId({
        ...base,
        itemId: optionalString(item.item_id, `items.${i}.item_id`),
        price: optionalNumber(`items.${i}.price`, item.price),
        quantity: optionalNumber(`items.${i}.quantity`, item.quantity),
        // The list a click or purchase came from: GA4's item_list_id, and its zero-based index (item_list_index in BigQuery exports).
        impressionId: optionalString(item.item_list_id, `items.${i}.item_list_id`),
        position: listPosition(optionalNumber(`items.${i}.index`, item.item_list_index ?? item.index), `items.${i}.index`),
        context: withoutUndefined({ item_name: optionalString(item.item_name, `items.${i}.item_name`), transaction_id: transactionId, list: optionalString(item.item_list_name, `items.${i}.item_list_name`) }),
      }),
    ),
  };
}

/** GA4 counts list positions from 0; ours start at 1. */
function listPosition(index: number | undefined, field: string): number | undefined {
  if (index === undefined) return undefined;
  if (!Number.isInteger(index) || index < 0) throw new FieldError(field, `${index} is not a list index (a whole number from 0)`);
  return index + 1;
}

function withId(e: Record<string, unknown>): Record<string, unknown> {
  const clean = withoutUndefined(e);
  if (clean.context && Object.keys(clean.context as object).length === 0) delete clean.context;
  return { id: contentEventId(clean as never), ...clean };
}
