import { FieldError, optionalNumber, optionalString, optionalTimestamp } from './field-coercion';
import { boundedId } from '../store/session-id';
import { withoutUndefined } from './event-mapping';
import type { MappedRecord } from './mapped-record';

/** Segment's E-commerce Spec v2 track events -> our types. List events yield one event per product. */
const SEGMENT_TYPES: Record<string, string> = {
  'Products Searched': 'search',
  'Product List Viewed': 'impression',
  'Product List Filtered': 'impression',
  'Product Clicked': 'click',
  'Product Viewed': 'view',
  'Product Added': 'add_to_cart',
  'Product Removed': 'remove_from_cart',
  'Order Completed': 'purchase',
  'Product Added to Wishlist': 'custom:add_to_wishlist',
  'Cart Viewed': 'custom:view_cart',
  'Checkout Started': 'custom:begin_checkout',
};

type Props = Record<string, unknown>;

function isObject(value: unknown): value is Props {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One Segment message (a track call as JSON). */
export function mapSegmentMessage(msg: Record<string, unknown>): MappedRecord {
  if (msg.type !== undefined && msg.type !== 'track') return { skip: `Segment ${typeof msg.type === 'string' ? msg.type : JSON.stringify(msg.type)} call is not a track event` };
  const name = optionalString(msg.event, 'event');
  if (name === undefined) throw new FieldError('event', 'missing');
  const type = SEGMENT_TYPES[name];
  if (type === undefined) return { skip: `Segment "${name}" is not an e-commerce event` };
  const shopperId = optionalString(msg.userId, 'userId') ?? optionalString(msg.anonymousId, 'anonymousId');
  if (shopperId === undefined) throw new FieldError('anonymousId', 'missing (and no userId)');
  const messageId = optionalString(msg.messageId, 'messageId');
  const props: Props = isObject(msg.properties) ? msg.properties : {};
  const base = {
    type,
    shopperId,
    sessionId: optionalString(props.session_id, 'properties.session_id'),
    ts: optionalTimestamp('timestamp', msg.timestamp ?? msg.originalTimestamp),
  };
  if (type === 'search') {
    const query = optionalString(props.query, 'properties.query');
    if (query === undefined) throw new FieldError('properties.query', 'missing for Products Searched');
    return { rows: [withoutUndefined({ id: messageId, ...base, query })] };
  }
  const products = Array.isArray(props.products) ? (props.products as unknown[]) : [props];
  if (products.length === 0) throw new FieldError('properties.products', `${name} has no products`);
  const notObject = products.findIndex((p) => !isObject(p));
  if (notObject >= 0) throw new FieldError(`properties.products.${notObject}`, 'not an object');
  return {
    rows: (products as Props[]).map((p, i) => {
      const at = Array.isArray(props.products) ? `properties.products.${i}` : 'properties';
      const itemId = optionalString(p.product_id, `${at}.product_id`) ?? optionalString(p.sku, `${at}.sku`);
      return withoutUndefined({
        // One message may carry many products: each event's id extends the message id.
        id: messageId === undefined ? undefined : products.length > 1 ? boundedId(`${messageId}#${i}`) : messageId,
        ...base,
        itemId,
        price: optionalNumber(`${at}.price`, p.price),
        quantity: optionalNumber(`${at}.quantity`, p.quantity),
        // The list it came from (Segment's list_id, on the product or the event) and its 1-based position.
        impressionId: optionalString(p.list_id ?? props.list_id, `${at}.list_id`),
        position: optionalNumber(`${at}.position`, p.position),
        ...(props.order_id !== undefined ? { context: { order_id: optionalString(props.order_id, 'properties.order_id') ?? '' } } : {}),
      });
    }),
  };
}
