import { describe, expect, it } from 'vitest';
import { appendToTimeline, applyEventsToSessions, timelineOrder } from '../../src/renderer/src/stores/sessionTimeline';
import { connectSessionsStore, createSessionsStore } from '../../src/renderer/src/stores/sessionsStore';
import type { SessionSummary } from '../../src/renderer/src/transport/contract';
import { fakeClient, storedEvent } from './fakes';

const summary = (sessionId: string, lastEventAt: number, eventCount = 1): SessionSummary => ({
  sessionId,
  shopperId: 'shopper-1',
  startedAt: lastEventAt,
  lastEventAt,
  eventCount,
});

describe('session timeline logic', () => {
  it('orders by event time, then ingest order', () => {
    const ordered = timelineOrder([storedEvent({ seq: 3, ts: 10 }), storedEvent({ seq: 1, ts: 20 }), storedEvent({ seq: 2, ts: 10 })]);
    expect(ordered.map((e) => e.seq)).toEqual([2, 3, 1]);
  });

  it('appends only new events of the open session', () => {
    const a = storedEvent({ seq: 1, ts: 1, sessionId: 's' });
    const timeline = appendToTimeline([a], 's', [a, storedEvent({ seq: 2, ts: 2, sessionId: 's' }), storedEvent({ seq: 3, ts: 3, sessionId: 'other' })]);
    expect(timeline.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('updates counts, adds new sessions and keeps the most recent first', () => {
    const sessions = [summary('a', 100, 2), summary('b', 50)];
    const next = applyEventsToSessions(sessions, [storedEvent({ sessionId: 'b', ts: 200 }), storedEvent({ sessionId: 'c', shopperId: 'z', ts: 150 })], 10);
    expect(next.map((s) => [s.sessionId, s.eventCount, s.lastEventAt])).toEqual([
      ['b', 2, 200],
      ['c', 1, 150],
      ['a', 2, 100],
    ]);
    expect(sessions[1]?.eventCount).toBe(1);
    expect(applyEventsToSessions(sessions, [storedEvent({ sessionId: 'c', ts: 1 })], 2).map((s) => s.sessionId)).toEqual(['a', 'b']);
  });
});

describe('sessions store', () => {
  it('loads sessions and then follows pushes', async () => {
    const { client, transport } = fakeClient({ 'sessions.list': () => [summary('a', 100)] });
    const store = createSessionsStore(client);
    connectSessionsStore(store, client);
    transport.push('events.ingested', [storedEvent({ sessionId: 'early', ts: 1 })]);
    expect(store.getState().sessions).toEqual([]);
    await store.getState().load();
    transport.push('events.ingested', [storedEvent({ sessionId: 'a', ts: 300 })]);
    expect(store.getState().sessions[0]).toMatchObject({ sessionId: 'a', eventCount: 2, lastEventAt: 300 });
  });

  it('shows the timeline of the last session clicked, even if an earlier answer comes later', async () => {
    const releases = new Map<string, () => void>();
    const { client, transport } = fakeClient({
      'events.recent': async (input) => {
        const sessionId = (input as { sessionId: string }).sessionId;
        await new Promise<void>((r) => releases.set(sessionId, r));
        return [storedEvent({ sessionId, ts: 5 })];
      },
    });
    const store = createSessionsStore(client);
    const first = store.getState().select('one');
    const second = store.getState().select('two');
    await Promise.resolve();
    releases.get('two')?.();
    await second;
    releases.get('one')?.();
    await first;
    expect(store.getState().selectedId).toBe('two');
    expect(store.getState().timeline.every((e) => e.sessionId === 'two')).toBe(true);
    expect(transport.calls.at(-1)?.input).toEqual({ sessionId: 'two', limit: 500 });
  });
});
