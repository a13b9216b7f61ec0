import { parseFiniteNumber } from './delimited-line';
import { importDelimitedEvents, type ImportedEvents } from './delimited-events';
import { rowError } from './shopper-event';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * CIKM Cup 2016 (DIGINETICA) item views: `session_id;user_id;item_id;timeframe;eventdate`.
 * `timeframe` is a millisecond offset within the session, so time = date (s) + offset / 1000,
 * which orders events inside a session and sessions across days (as session-rec does).
 */
export function importDigineticaCsv(path: string): Promise<ImportedEvents> {
  return importDelimitedEvents(path, {
    delimiter: ';',
    columns: ['session_id', 'user_id', 'item_id', 'timeframe', 'eventdate'] as const,
    parseRow(f) {
      if (f.session_id === '') return rowError('session_id', 'empty');
      if (f.item_id === '') return rowError('item_id', 'empty');
      const offset = parseFiniteNumber(f.timeframe);
      if (offset === null || offset < 0) return rowError('timeframe', `not a non-negative number: "${f.timeframe}"`);
      const day = DATE.test(f.eventdate) ? Date.parse(`${f.eventdate}T00:00:00Z`) : Number.NaN;
      if (!Number.isFinite(day)) return rowError('eventdate', `not a YYYY-MM-DD date: "${f.eventdate}"`);
      const userId = f.user_id === '' || f.user_id === 'NA' ? null : f.user_id;
      return { event: { sessionId: f.session_id, userId, itemId: f.item_id, time: day / 1000 + offset / 1000, type: 'view' } };
    },
  });
}
