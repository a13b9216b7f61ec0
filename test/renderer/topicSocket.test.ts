import { describe, expect, it } from 'vitest';
import { TopicSocket, type SocketLike } from '../../src/renderer/src/transport/topicSocket';
import { reconnectDelay } from '../../src/renderer/src/transport/backoff';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.({});
  }
  drop(): void {
    this.onerror?.({});
    this.onclose?.({});
  }
  send(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
}

/** Collects scheduled timers so a test decides when they fire. */
function manualTimers() {
  const pending: Array<{ fn: () => void; ms: number }> = [];
  return {
    pending,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { fn, ms };
      pending.push(timer);
      return timer;
    },
    clearTimer: (handle: unknown) => {
      const index = pending.indexOf(handle as { fn: () => void; ms: number });
      if (index >= 0) pending.splice(index, 1);
    },
    fireNext() {
      pending.shift()?.fn();
    },
  };
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers = manualTimers();
  const topicSocket = new TopicSocket({
    url: 'ws://h/ws',
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    random: () => 0.5,
  });
  return { sockets, timers, topicSocket };
}

describe('topic socket', () => {
  it('connects at once and routes messages to the topic listeners', () => {
    const { sockets, topicSocket } = setup();
    const states: string[] = [];
    topicSocket.onConnection((s) => states.push(s));
    const got: unknown[] = [];
    topicSocket.subscribe('stats.changed', (p) => got.push(p));
    expect(topicSocket.connection).toBe('connecting');
    sockets[0]?.open();
    sockets[0]?.send({ topic: 'stats.changed', payload: { items: 1 } });
    sockets[0]?.send({ topic: 'events.ingested', payload: [] });
    sockets[0]?.send({ topic: 'no.such.topic', payload: 1 });
    sockets[0]?.send('not json');
    expect(got).toEqual([{ items: 1 }]);
    expect(states).toEqual(['online']);
    expect(sockets[0]?.url).toBe('ws://h/ws');
  });

  it('reconnects with growing delays and keeps its listeners', () => {
    const { sockets, timers, topicSocket } = setup();
    const got: unknown[] = [];
    topicSocket.subscribe('stats.changed', (p) => got.push(p));
    sockets[0]?.drop();
    expect(topicSocket.connection).toBe('offline');
    expect(timers.pending).toHaveLength(1);
    const firstDelay = timers.pending[0]?.ms ?? 0;
    timers.fireNext();
    sockets[1]?.drop();
    const secondDelay = timers.pending[0]?.ms ?? 0;
    expect(secondDelay).toBeGreaterThan(firstDelay);
    timers.fireNext();
    sockets[2]?.open();
    sockets[2]?.send({ topic: 'stats.changed', payload: 'after reconnect' });
    expect(got).toEqual(['after reconnect']);
    expect(topicSocket.connection).toBe('online');
    // A successful open resets the backoff.
    sockets[2]?.drop();
    expect(timers.pending[0]?.ms).toBe(firstDelay);
  });

  it('stops reconnecting once closed', () => {
    const { sockets, timers, topicSocket } = setup();
    sockets[0]?.drop();
    topicSocket.close();
    expect(timers.pending).toHaveLength(0);
    expect(sockets).toHaveLength(1);
  });
});

describe('reconnect delay', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { baseMs: 100, maxMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 10].map((n) => reconnectDelay(n, policy))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('keeps jitter within its share of the delay', () => {
    const policy = { baseMs: 1000, maxMs: 1000, jitter: 0.2 };
    expect(reconnectDelay(0, policy, () => 0)).toBe(800);
    expect(reconnectDelay(0, policy, () => 1)).toBe(1000);
  });
});
