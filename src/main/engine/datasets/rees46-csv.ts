import { parseFiniteNumber } from './delimited-line';
import { importDelimitedEvents, type ImportedEvents } from './delimited-events';
import { rowError, type ShopperEvent, type ShopperEventType } from './shopper-event';

const EVENT_TYPES: Record<string, ShopperEventType> = { view: 'view', cart: 'cart', purchase: 'purchase', remove_from_cart: 'remove' };
/** REES46 writes `2019-10-01 00:00:00 UTC`; the suffix is the only zone it uses. */
const EVENT_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?: UTC)?$/;

/** REES46 multi-category store CSV: event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session. */
export function importRees46Csv(path: string): Promise<ImportedEvents> {
  return importDelimitedEvents(path, {
    delimiter: ',',
    columns: ['event_time', 'event_type', 'product_id', 'category_id', 'category_code', 'brand', 'price', 'user_id', 'user_session'] as const,
    parseRow(f) {
      const m = EVENT_TIME.exec(f.event_time);
      const ms = m === null ? Number.NaN : Date.parse(`${m[1]}T${m[2]}Z`);
      if (!Number.isFinite(ms)) return rowError('event_time', `not "YYYY-MM-DD hh:mm:ss UTC": "${f.event_time}"`);
      const type = EVENT_TYPES[f.event_type];
      if (type === undefined) return rowError('event_type', `unknown event "${f.event_type}"`);
      if (f.product_id === '') return rowError('product_id', 'empty');
      const price = f.price === '' ? undefined : parseFiniteNumber(f.price);
      if (price === null || (price !== undefined && price < 0)) return rowError('price', `not a non-negative number: "${f.price}"`);
      if (f.user_id === '') return rowError('user_id', 'empty');
      // Some REES46 rows lack a session id; the user stands in so the event is not lost.
      const event: ShopperEvent = { sessionId: f.user_session || `user:${f.user_id}`, userId: f.user_id, itemId: f.product_id, time: ms / 1000, type };
      if (price !== undefined) event.price = price;
      if (f.category_id !== '') event.categoryId = f.category_id;
      if (f.category_code !== '') event.categoryCode = f.category_code;
      if (f.brand !== '') event.brand = f.brand;
      return { event };
    },
  });
}
