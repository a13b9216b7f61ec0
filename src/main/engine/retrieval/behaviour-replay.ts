/**
 * Reads the stored item events in arrival (seq) order, to rebuild behaviour signals at start; a
 * serving replica stops at the seq after which the engine sends it events itself.
 */
import type { Database } from 'better-sqlite3';
import type { StoredEvent } from '../../../shared/contract';
import { EVENT_WEIGHTS } from './event-weights';

export type BehaviourEvent = Pick<StoredEvent, 'type' | 'itemId' | 'sessionId' | 'ts'>;

export function* storedItemEvents(db: Database, untilSeq = Number.MAX_SAFE_INTEGER): Generator<BehaviourEvent> {
  const types = Object.keys(EVENT_WEIGHTS);
  const rows = db
    .prepare(`SELECT type, item_id AS itemId, session_id AS sessionId, ts FROM events
      WHERE item_id IS NOT NULL AND seq <= ? AND type IN (${types.map(() => '?').join(', ')}) ORDER BY seq`)
    .iterate(untilSeq, ...types) as IterableIterator<BehaviourEvent>;
  yield* rows;
}

/**
 * The stored item events strictly before `beforeTs`, in arrival order: what the behaviour signals
 * knew at that moment (a point-in-time view for leak-proof replays; events are never edited, so
 * arrival order among them is what the live signals saw).
 */
export function* storedItemEventsBefore(db: Database, beforeTs: number): Generator<BehaviourEvent> {
  const types = Object.keys(EVENT_WEIGHTS);
  const rows = db
    .prepare(`SELECT type, item_id AS itemId, session_id AS sessionId, ts FROM events
      WHERE item_id IS NOT NULL AND ts < ? AND type IN (${types.map(() => '?').join(', ')}) ORDER BY seq`)
    .iterate(beforeTs, ...types) as IterableIterator<BehaviourEvent>;
  yield* rows;
}
