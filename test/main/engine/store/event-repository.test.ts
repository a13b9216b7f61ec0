import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventInput } from '../../../../src/shared/contract';
import { SESSION_GAP_MS, SessionOwnerError } from '../../../../src/main/engine/store';
import { tempEngine } from '../../../helpers/temp-dir';

const T0 = Date.UTC(2026, 0, 1);
const view = (shopperId: string, itemId: string, ts: number, extra: Partial<EventInput> = {}): EventInput => ({ type: 'view', shopperId, itemId, ts, ...extra });

describe('EventRepository', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('ignores a duplicate id, in the same batch and later, so ingest is idempotent', () => {
    const repo = env.engine.events;
    const first = repo.insertEvents([view('u1', 'a', T0, { id: 'e1' }), view('u1', 'b', T0 + 1, { id: 'e1' })], { rejectWholeBatch: true });
    expect(first.stored).toHaveLength(1);
    expect(first.duplicates).toBe(1);
    const again = repo.insertEvents([view('u1', 'a', T0, { id: 'e1' })], { rejectWholeBatch: true });
    expect(again.duplicates).toBe(1);
    expect(env.engine.stats.stats().events).toBe(1);
    expect(env.engine.stats.sessions({ limit: 10 })[0]?.eventCount).toBe(1);
  });

  it('derives sessions with the 30-minute inactivity rule', () => {
    const repo = env.engine.events;
    const out = repo.insertEvents(
      [view('u1', 'a', T0), view('u1', 'b', T0 + SESSION_GAP_MS - 1), view('u1', 'c', T0 + 2 * SESSION_GAP_MS + 1), view('u2', 'a', T0)],
      { rejectWholeBatch: true },
    );
    const sessions = out.stored.map((e) => e.sessionId);
    expect(sessions[0]).toBe(sessions[1]);
    expect(sessions[2]).not.toBe(sessions[1]);
    expect(sessions[3]).not.toBe(sessions[0]);
    // The rule holds across batches and across a reopen of the store.
    const later = repo.insertEvents([view('u1', 'd', T0 + 2 * SESSION_GAP_MS + 60_000)], { rejectWholeBatch: true });
    expect(later.stored[0]?.sessionId).toBe(sessions[2]);
  });

  it('keeps a client-supplied session id and refuses one that belongs to another shopper', () => {
    const repo = env.engine.events;
    repo.insertEvents([view('u1', 'a', T0, { sessionId: 's-1' })], { rejectWholeBatch: true });
    expect(() => repo.insertEvents([view('u1', 'b', T0 + 5, { id: 'ok' }), view('u2', 'a', T0, { sessionId: 's-1' })], { rejectWholeBatch: true })).toThrow(
      SessionOwnerError,
    );
    // The whole batch rolled back: the good event is not stored either.
    expect(repo.has('ok')).toBe(false);
    const lenient = repo.insertEvents([view('u1', 'b', T0 + 5, { id: 'ok' }), view('u2', 'a', T0, { sessionId: 's-1' })], { rejectWholeBatch: false });
    expect(lenient.stored).toHaveLength(1);
    expect(lenient.rejections).toEqual([{ index: 1, field: 'sessionId', reason: expect.stringContaining('belongs to shopper u1') }]);
  });

  it('returns recent events newest first, filtered by session', () => {
    const repo = env.engine.events;
    repo.insertEvents([view('u1', 'a', T0, { sessionId: 'x' }), view('u1', 'b', T0 + 1, { sessionId: 'x' }), view('u2', 'c', T0, { sessionId: 'y' })], {
      rejectWholeBatch: true,
    });
    const recent = repo.recent({ limit: 10, sessionId: 'x' });
    expect(recent.map((e) => e.itemId)).toEqual(['b', 'a']);
    expect(env.engine.stats.stats().eventsByType).toEqual({ view: 3 });
  });
});

describe('active sessions', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('counts sessions with an event in the last 30 minutes only', () => {
    const now = Date.now();
    env.engine.events.insertEvents(
      [view('old', 'a', now - 2 * SESSION_GAP_MS), view('live-1', 'a', now - 60_000), view('live-2', 'b', now - 1000), view('live-2', 'c', now)],
      { rejectWholeBatch: true },
    );
    expect(env.engine.stats.stats().activeSessions).toBe(2);
    expect(env.engine.stats.stats().sessions).toBe(3);
  });
});
