/** Reads the stored item events in arrival (seq) order, to rebuild behaviour signals at start. */
import type { Database } from 'better-sqlite3';
import type { StoredEvent } from '../../../shared/contract';
import { EVENT_WEIGHTS } from './event-weights';

export type BehaviourEvent = Pick<StoredEvent, 'type' | 'itemId' | 'sessionId' | 'ts'>;

export function* storedItemEvents(db: Database): Generator<BehaviourEvent> {
  const types = Object.keys(EVENT_WEIGHTS);
  const rows = db
    .prepare(`SELECT type, item_id AS itemId, session_id AS sessionId, ts FROM events
      WHERE item_id IS NOT NULL AND type IN (${types.map(() => '?').join(', ')}) ORDER BY seq`)
    .iterate(...types) as IterableIterator<BehaviourEvent>;
  yield* rows;
}
