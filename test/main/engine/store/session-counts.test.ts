import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EventInput } from '../../../../src/shared/contract';
import { EventRepository, openDatabase } from '../../../../src/main/engine/store';
import { SessionCounts } from '../../../../src/main/engine/store/session-counts';
import { SESSION_GAP_MS } from '../../../../src/main/engine/store/sessionizer';
import { tempDir } from '../../../helpers/temp-dir';

const MINUTE = 60_000;
const T0 = 1_767_261_600_000;

const n = (db: Database, sql: string, ...args: number[]): number => (db.prepare(sql).get(...args) as { n: number }).n;

/** What the counts must equal: every session, every shopper, every event's time (no window on the events read). */
function bruteForce(db: Database, now: number): { sessions: number; shoppers: number; activeSessions: number } {
  return {
    sessions: n(db, 'SELECT count(*) AS n FROM sessions'),
    shoppers: n(db, 'SELECT count(DISTINCT shopper_id) AS n FROM sessions'),
    activeSessions: n(db, 'SELECT count(DISTINCT session_id) AS n FROM events WHERE ts >= ?', now - SESSION_GAP_MS),
  };
}

/** The stats' former query: active sessions among the newest `limit` events only. */
function newestWindow(db: Database, now: number, limit: number): number {
  return n(db, 'SELECT count(DISTINCT session_id) AS n FROM (SELECT session_id, ts FROM events ORDER BY seq DESC LIMIT ?) WHERE ts >= ?', limit, now - SESSION_GAP_MS);
}

const steps = fc.array(
  fc.record({ batch: fc.array(fc.record({ shopper: fc.integer({ min: 1, max: 8 }), minutes: fc.integer({ min: -120, max: 5 }) }), { minLength: 1, maxLength: 6 }), advance: fc.integer({ min: 0, max: 40 }), erase: fc.option(fc.integer({ min: 1, max: 8 }), { freq: 6 }) }),
  { minLength: 1, maxLength: 14 },
);

type Steps = typeof steps extends fc.Arbitrary<infer T> ? T : never;

/** Runs the steps against a fresh store, calling `check` after each read. */
function run(stepsToRun: Steps, catchUp: number, check: (db: Database, counts: ReturnType<SessionCounts['read']>, now: number) => void): void {
  const t = tempDir();
  const db = openDatabase(join(t.dir, 'instinct.db'));
  try {
    const events = new EventRepository(db);
    const counts = new SessionCounts(db, catchUp);
    let now = T0;
    for (const step of stepsToRun) {
      now += step.advance * MINUTE;
      const input: EventInput[] = step.batch.map((e) => ({ type: 'view', shopperId: `s${e.shopper}`, itemId: 'P1', ts: now + e.minutes * MINUTE }));
      events.insertEvents(input, { rejectWholeBatch: false, now });
      if (step.erase !== null) {
        // What an erasure deletes, and the engine's call after it.
        db.prepare('DELETE FROM events WHERE shopper_id = ?').run(`s${step.erase}`);
        db.prepare('DELETE FROM sessions WHERE shopper_id = ?').run(`s${step.erase}`);
        counts.reset();
      }
      check(db, counts.read(now), now);
    }
  } finally {
    db.close();
    t.cleanup();
  }
}

describe('SessionCounts', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('after every batch of live, late and old events, equals a full count of sessions, shoppers and active sessions (after deletions once reset)', () => {
    fc.assert(
      fc.property(steps, (s) => run(s, 10_000, (db, counts, now) => expect(counts).toEqual(bruteForce(db, now)))),
      { numRuns: 40 },
    );
  });

  it('after more new rows than it catches up on, counts sessions and shoppers in full and active sessions at least as the newest events show them', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 6 }), (s, catchUp) =>
        run(s, catchUp, (db, counts, now) => {
          const truth = bruteForce(db, now);
          expect({ sessions: counts.sessions, shoppers: counts.shoppers }).toEqual({ sessions: truth.sessions, shoppers: truth.shoppers });
          expect(counts.activeSessions).toBeLessThanOrEqual(truth.activeSessions);
          expect(counts.activeSessions).toBeGreaterThanOrEqual(newestWindow(db, now, catchUp));
        }),
      ),
      { numRuns: 40 },
    );
  });

  it('counts a new session and a new shopper once, and lets sessions go quiet', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = openDatabase(join(t.dir, 'instinct.db'));
    try {
      const events = new EventRepository(db);
      const counts = new SessionCounts(db);
      events.insertEvents(Array.from({ length: 50 }, (_, i) => ({ type: 'view' as const, shopperId: `s${i}`, itemId: 'P1', ts: T0 })), { rejectWholeBatch: false, now: T0 });
      expect(counts.read(T0)).toEqual({ sessions: 50, shoppers: 50, activeSessions: 50 });
      events.insertEvents([{ type: 'view', shopperId: 's1', itemId: 'P2', ts: T0 + MINUTE }, { type: 'view', shopperId: 'new', itemId: 'P2', ts: T0 + MINUTE }], { rejectWholeBatch: false, now: T0 + MINUTE });
      expect(counts.read(T0 + MINUTE)).toEqual({ sessions: 51, shoppers: 51, activeSessions: 51 });
      // Half an hour after the last event, every session is quiet.
      expect(counts.read(T0 + MINUTE + SESSION_GAP_MS + 1).activeSessions).toBe(0);
    } finally {
      db.close();
    }
  });
});
