import { createHash } from 'node:crypto';
import type { EventInput } from '../../../shared/contract';
import { optionalNumber, optionalObject, optionalString, optionalTimestamp, pick } from './field-coercion';

/** Column / key names accepted for each event field (snake_case exports and our own camelCase). */
const NAMES = {
  id: ['id', 'event_id', 'eventId'],
  type: ['type', 'event_type', 'eventType', 'event'],
  shopperId: ['shopperId', 'shopper_id', 'user_id', 'userId', 'visitor_id', 'visitorid', 'customer_id'],
  sessionId: ['sessionId', 'session_id', 'user_session'],
  itemId: ['itemId', 'item_id', 'product_id', 'productId', 'itemid'],
  query: ['query', 'search_term', 'search_query'],
  price: ['price'],
  quantity: ['quantity', 'qty'],
  ts: ['ts', 'timestamp', 'time', 'event_time'],
  context: ['context'],
  impressionId: ['impressionId', 'impression_id', 'list_id', 'item_list_id'],
  position: ['position', 'list_position'],
} as const;

/** Common spellings of our event types in other exports. */
const TYPE_ALIASES: Record<string, string> = {
  addtocart: 'add_to_cart',
  'add-to-cart': 'add_to_cart',
  cart: 'add_to_cart',
  removefromcart: 'remove_from_cart',
  'remove-from-cart': 'remove_from_cart',
  transaction: 'purchase',
  order: 'purchase',
  pageview: 'view',
  view_item: 'view',
};

export function normaliseEventType(raw: string): string {
  const t = raw.trim().toLowerCase();
  return TYPE_ALIASES[t] ?? t;
}

/**
 * A re-import of the same file must not duplicate events, so an event without an id gets one
 * derived from its content.
 */
export function contentEventId(e: Omit<EventInput, 'id'>): string {
  const key = [e.type, e.shopperId, e.sessionId, e.itemId, e.query, e.ts, e.price, e.quantity].join('\u001f');
  return `imp-${createHash('sha1').update(key).digest('base64url').slice(0, 22)}`;
}

/** A flat record (CSV row or JSONL object) as a candidate event; the contract schema validates it next. */
export function recordToEvent(record: Record<string, unknown>): Record<string, unknown> {
  const type = optionalString(pick(record, NAMES.type), 'type');
  const candidate = {
    type: type === undefined ? undefined : normaliseEventType(type),
    shopperId: optionalString(pick(record, NAMES.shopperId), 'shopperId'),
    sessionId: optionalString(pick(record, NAMES.sessionId), 'sessionId'),
    itemId: optionalString(pick(record, NAMES.itemId), 'itemId'),
    query: optionalString(pick(record, NAMES.query), 'query'),
    price: optionalNumber('price', pick(record, NAMES.price)),
    quantity: optionalNumber('quantity', pick(record, NAMES.quantity)),
    ts: optionalTimestamp('ts', pick(record, NAMES.ts)),
    context: optionalObject('context', pick(record, NAMES.context)),
    impressionId: optionalString(pick(record, NAMES.impressionId), 'impressionId'),
    position: optionalNumber('position', pick(record, NAMES.position)),
  };
  const id = optionalString(pick(record, NAMES.id), 'id');
  return withoutUndefined({ id: id ?? contentEventId(candidate as Omit<EventInput, 'id'>), ...candidate });
}

export function withoutUndefined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
