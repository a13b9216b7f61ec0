import { FieldError, optionalNumber, optionalString, optionalTimestamp } from './field-coercion';
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

/** One Segment message (a track call as JSON). */
export function mapSegmentMessage(msg: Record<string, unknown>): MappedRecord {
  if (msg.type !== undefined && msg.type !== 'track') return { skip: `Segment ${String(msg.type)} call is not a track event` };
  const name = optionalString(msg.event);
  if (name === undefined) throw new FieldError('event', 'missing');
  const type = SEGMENT_TYPES[name];
  if (type === undefined) return { skip: `Segment "${name}" is not an e-commerce event` };
  const shopperId = optionalString(msg.userId) ?? optionalString(msg.anonymousId);
  if (shopperId === undefined) throw new FieldError('anonymousId', 'missing (and no userId)');
  const messageId = optionalString(msg.messageId);
  const props = (msg.properties ?? {}) as Props;
  const base = {
    type,
    shopperId,
    sessionId: optionalString(props.session_id),
    ts: optionalTimestamp('timestamp', msg.timestamp ?? msg.originalTimestamp),
  };
  if (type === 'search') {
    const query = optionalString(props.query);
    if (query === undefined) throw new FieldError('properties.query', 'missing for Products Searched');
    return { rows: [withoutUndefined({ id: messageId, ...base, query })] };
  }
  const products = Array.isArray(props.products) ? (props.products as Props[]) : [props];
  if (products.length === 0) throw new FieldError('properties.products', `${name} has no products`);
  return {
    rows: products.map((p, i) => {
      const at = Array.isArray(props.products) ? `properties.products.${i}` : 'properties';
      const itemId = optionalString(p.product_id) ?? optionalString(p.sku);
      return withoutUndefined({
        // One message may carry many products: each event's id extends the message id.
        id: messageId === undefined ? undefined : products.length > 1 ? `${messageId}#${i}` : messageId,
        ...base,
        itemId,
        price: optionalNumber(`${at}.price`, p.price),
        quantity: optionalNumber(`${at}.quantity`, p.quantity),
        ...(props.order_id !== undefined ? { context: { order_id: String(props.order_id) } } : {}),
      });
    }),
  };
}
