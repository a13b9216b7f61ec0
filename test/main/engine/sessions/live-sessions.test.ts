import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../../src/shared/contract';
import { Engine } from '../../../../src/main/engine/engine';
import { LiveSessions } from '../../../../src/main/engine/sessions/live-sessions';
import { tempEngine } from '../../../helpers/temp-dir';

const T0 = Date.UTC(2026, 0, 1);

function stored(n: number, shopperId: string, ts: number): StoredEvent {
  return { id: `e${n}`, seq: n, type: 'view', shopperId, sessionId: 's', itemId: `P${n}`, query: null, price: null, quantity: null, ts, context: null, impressionId: null, position: null };
}

describe('LiveSessions', () => {
  it('keeps a bounded, time-ordered window per shopper and evicts the least recently active shopper', () => {
    const loads: string[] = [];
    const live = new LiveSessions((id) => (loads.push(id), []), { maxShoppers: 2, perShopper: 3 });
    live.recent('a');
    expect(live.size).toBe(0); // a shopper with no events is not cached
    const store = new Map<string, StoredEvent[]>([['a', [stored(1, 'a', T0)]], ['b', [stored(2, 'b', T0)]], ['c', [stored(3, 'c', T0)]]]);
    const live2 = new LiveSessions((id) => store.get(id) ?? [], { maxShoppers: 2, perShopper: 3 });
    live2.recent('a');
    for (let i = 10; i < 15; i++) live2.observe(stored(i, 'a', T0 + i));
    live2.observe(stored(99, 'a', T0 + 5)); // late event lands in time order
    const a = live2.recent('a').map((e) => e.itemId);
    expect(a).toEqual(['P12', 'P13', 'P14']);
    live2.recent('b');
    live2.recent('c');
    expect(live2.size).toBe(2);
  });
});

describe('live state through the engine', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => (env = tempEngine()));
  afterEach(() => env.cleanup());

  it('reflects an acknowledged event on the very next read, and is rebuilt from the store after a restart', async () => {
    expect(env.engine.sessions.recent('u1')).toHaveLength(0);
    await env.engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: 'u1', itemId: 'A', ts: T0 }] });
    expect(env.engine.sessions.recent('u1').map((e) => e.itemId)).toEqual(['A']);
    await env.engine.dispatcher.call('events.ingest', { events: [{ type: 'add_to_cart', shopperId: 'u1', itemId: 'B', ts: T0 + 1000 }] });
    expect(env.engine.sessions.recent('u1').map((e) => e.type)).toEqual(['view', 'add_to_cart']);
    await env.engine.close();
    const reopened = new Engine({ dataDir: env.dir });
    try {
      expect(reopened.sessions.recent('u1').map((e) => e.itemId)).toEqual(['A', 'B']);
    } finally {
      await reopened.close();
    }
  });
});
