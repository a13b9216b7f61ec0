import { parseFiniteNumber } from './delimited-line';
import { importDelimitedEvents, type ImportedEvents } from './delimited-events';
import { rowError, type ShopperEventType } from './shopper-event';

const EVENT_TYPES: Record<string, ShopperEventType> = { view: 'view', addtocart: 'cart', transaction: 'purchase' };

/**
 * RetailRocket `events.csv`: `timestamp,visitorid,event,itemid,transactionid` (ms timestamps).
 * The log has no session ids; the visitor is used as the session key here and the temporal
 * protocol re-sessionises by inactivity gaps.
 */
export function importRetailRocketEvents(path: string): Promise<ImportedEvents> {
  return importDelimitedEvents(path, {
    delimiter: ',',
    columns: ['timestamp', 'visitorid', 'event', 'itemid', 'transactionid'] as const,
    parseRow(f) {
      const ms = parseFiniteNumber(f.timestamp);
      if (ms === null) return rowError('timestamp', `not a number: "${f.timestamp}"`);
      if (f.visitorid === '') return rowError('visitorid', 'empty');
      const type = EVENT_TYPES[f.event];
      if (type === undefined) return rowError('event', `unknown event "${f.event}" (view, addtocart, transaction)`);
      if (f.itemid === '') return rowError('itemid', 'empty');
      if (type === 'purchase' && f.transactionid === '') return rowError('transactionid', 'empty on a transaction');
      const event = { sessionId: f.visitorid, userId: f.visitorid, itemId: f.itemid, time: ms / 1000, type };
      return { event: f.transactionid === '' ? event : { ...event, transactionId: f.transactionid } };
    },
  });
}
