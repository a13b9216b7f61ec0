import { parseFiniteNumber } from './delimited-line';
import { importDelimitedEvents, type ImportedEvents } from './delimited-events';
import { rowError } from './shopper-event';

/** session-rec / YOOCHOOSE clicks: tab-separated `SessionId ItemId Time` (unix seconds), all views. */
export function importSessionTsv(path: string): Promise<ImportedEvents> {
  return importDelimitedEvents(path, {
    delimiter: '\t',
    columns: ['SessionId', 'ItemId', 'Time'] as const,
    parseRow(f) {
      if (f.SessionId === '') return rowError('SessionId', 'empty');
      if (f.ItemId === '') return rowError('ItemId', 'empty');
      const time = parseFiniteNumber(f.Time);
      if (time === null) return rowError('Time', `not a number: "${f.Time}"`);
      return { event: { sessionId: f.SessionId, userId: null, itemId: f.ItemId, time, type: 'view' } };
    },
  });
}
