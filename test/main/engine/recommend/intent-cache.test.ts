/**
 * A kept session intent is only ever the one a fresh computation would give: after any sequence of
 * events (late ones and the oldest dropping off included), vector changes and new query
 * embeddings, the cached intent equals sessionIntent over the same inputs; and with nothing
 * changed, it is not computed again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntentCache } from '../../../../src/main/engine/recommend/intent-cache';
import { QueryVectors } from '../../../../src/main/engine/recommend/query-vectors';
import { shopperState } from '../../../../src/main/engine/recommend/shopper-state';
import type { RetrievalService } from '../../../../src/main/engine/retrieval';
import { VectorIndex } from '../../../../src/main/engine/retrieval/vector-index';
import { LiveSessions } from '../../../../src/main/engine/sessions/live-sessions';
import { sessionIntent } from '../../../../src/main/engine/sessions/session-intent';
import type { StoredEvent } from '../../../../src/shared/contract';

const DIMS = 6;
const ITEMS = ['a', 'b', 'c', 'd', 'e'];
const QUERIES = ['red shoe', 'blue hat'];

function vector(seed: number): Float32Array {
  return Float32Array.from({ length: DIMS }, (_, d) => Math.sin(seed * 7.3 + d * 1.7) + 0.1);
}

function stored(n: number, shopperId: string, ts: number, kind: { itemId: string } | { query: string }): StoredEvent {
  const isQuery = 'query' in kind;
  return { eventId: `e${n}`, seq: n, type: isQuery ? 'search' : 'view', shopperId, sessionId: 's1', itemId: isQuery ? null : kind.itemId, query: isQuery ? kind.query : null, price: null, quantity: null, ts } as unknown as StoredEvent;
}

type Op = { kind: 'event'; item: number; dt: number } | { kind: 'search'; query: number; dt: number } | { kind: 'vector'; item: number; seed: number } | { kind: 'embed'; query: number } | { kind: 'ask' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('event' as const), item: fc.nat(ITEMS.length - 1), dt: fc.integer({ min: -120_000, max: 120_000 }) }),
  fc.record({ kind: fc.constant('search' as const), query: fc.nat(QUERIES.length - 1), dt: fc.integer({ min: -60_000, max: 60_000 }) }),
  fc.record({ kind: fc.constant('vector' as const), item: fc.nat(ITEMS.length - 1), seed: fc.nat(1000) }),
  fc.record({ kind: fc.constant('embed' as const), query: fc.nat(QUERIES.length - 1) }),
  fc.constant({ kind: 'ask' as const }),
);

describe('intent cache', () => {
  it('gives what a fresh computation gives, whatever changed in between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 60 }), async (ops) => {
        const index = new VectorIndex('m', DIMS);
        index.upsert(ITEMS.map((itemId, i) => ({ itemId, vector: vector(i) })));
        const retrieval = { index } as unknown as RetrievalService;
        const queries = new QueryVectors(async (q) => vector(100 + q.length));
        const store: StoredEvent[] = [];
        // A short window, so the oldest event drops off as new ones come.
        const sessions = new LiveSessions((id, limit) => store.filter((e) => e.shopperId === id).slice(-limit), { perShopper: 8 });
        const cache = new IntentCache();
        let n = 0;
        let ts = 1_000_000;
        const now = (): number => ts + 300_000;
        for (const o of ops) {
          if (o.kind === 'event' || o.kind === 'search') {
            ts += Math.max(0, o.dt);
            const e = stored(++n, 'u', ts + Math.min(0, o.dt), o.kind === 'event' ? { itemId: ITEMS[o.item]! } : { query: QUERIES[o.query]! });
            store.push(e);
            sessions.observe(e);
          } else if (o.kind === 'vector') index.upsert([{ itemId: ITEMS[o.item]!, vector: vector(o.seed) }]);
          else if (o.kind === 'embed') await queries.get(QUERIES[o.query]!);
          const events = sessions.recent('u');
          const cached = shopperState(events, null, now(), { retrieval, queries, purchaseModel: undefined, intents: cache }).intent;
          const fresh = sessionIntent(events, { itemVector: (id) => index.vectorView(id), queryVector: (q) => queries.peek(q) }, { now: now() });
          expect(cached.vector && Array.from(cached.vector)).toEqual(fresh.vector && Array.from(fresh.vector));
          expect(cached.evidence).toEqual(fresh.evidence);
          expect(cached.priceBand).toEqual(fresh.priceBand);
          expect(cached.currentSessionId).toBe(fresh.currentSessionId);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('computes once while nothing changed, again after an event, a vector change or a new query embedding', async () => {
    const index = new VectorIndex('m', DIMS);
    index.upsert(ITEMS.map((itemId, i) => ({ itemId, vector: vector(i) })));
    const store = [stored(1, 'u', 1000, { itemId: 'a' }), stored(2, 'u', 2000, { query: 'red shoe' })];
    const sessions = new LiveSessions((id) => store.filter((e) => e.shopperId === id));
    const cache = new IntentCache();
    let computed = 0;
    const ask = (embedded: number): void => {
      cache.get(sessions.recent('u'), 10_000, index, embedded, () => {
        computed++;
        return sessionIntent(sessions.recent('u'), { itemVector: (id) => index.vectorView(id), queryVector: () => undefined }, { now: 10_000 });
      });
    };
    ask(0);
    ask(0);
    expect(computed).toBe(1);
    sessions.observe(stored(3, 'u', 3000, { itemId: 'b' }));
    ask(0);
    expect(computed).toBe(2);
    index.upsert([{ itemId: 'a', vector: vector(999) }]);
    ask(0);
    expect(computed).toBe(3);
    // An identical vector is no change.
    index.upsert([{ itemId: 'a', vector: vector(999) }]);
    ask(0);
    expect(computed).toBe(3);
    ask(1);
    expect(computed).toBe(4);
    // A late event in a full window: it lands inside and the oldest drops off (same length, same newest).
    const three = [stored(6, 'u', 1000, { itemId: 'a' }), stored(7, 'u', 2000, { itemId: 'b' }), stored(8, 'u', 3000, { itemId: 'c' })];
    const full = new LiveSessions(() => three, { perShopper: 3 });
    const window = full.recent('u');
    const before = computed;
    const askFull = (): void => {
      cache.get(window, 10_000, index, 1, () => {
        computed++;
        return sessionIntent(window, { itemVector: (id) => index.vectorView(id), queryVector: () => undefined }, { now: 10_000 });
      });
    };
    askFull();
    full.observe(stored(9, 'u', 1500, { itemId: 'e' }));
    expect(window.map((e) => e.ts)).toEqual([1500, 2000, 3000]);
    askFull();
    expect(computed).toBe(before + 2);
    // An event from the future (its age depends on the clock): never kept.
    sessions.observe(stored(4, 'u', 50_000, { itemId: 'c' }));
    const atFuture = computed;
    ask(1);
    ask(1);
    expect(computed).toBe(atFuture + 2);
  });
});
