import { describe, expect, it } from 'vitest';
import type { RecentEvent } from '../../../../src/main/engine/sessions/live-sessions';
import { sessionIntent } from '../../../../src/main/engine/sessions/session-intent';

const NOW = Date.UTC(2026, 0, 1, 12);
const vectors: Record<string, Float32Array> = {
  shoe: new Float32Array([1, 0, 0]),
  sock: new Float32Array([0.8, 0.6, 0]),
  mug: new Float32Array([0, 0, 1]),
};
const sources = { itemVector: (id: string) => vectors[id], queryVector: (q: string) => (q === 'coffee' ? new Float32Array([0, 0, 1]) : undefined) };
const ev = (type: string, itemId: string | null, ts: number, sessionId = 's2', extra: Partial<RecentEvent> = {}): RecentEvent => ({ type, itemId, query: null, price: null, ts, sessionId, ...extra });

describe('sessionIntent', () => {
  it('is null for a shopper with nothing that has a vector (cold start)', () => {
    expect(sessionIntent([], sources, { now: NOW }).vector).toBeNull();
    expect(sessionIntent([ev('view', 'unknown', NOW)], sources, { now: NOW }).vector).toBeNull();
  });

  it('is a unit vector pulled towards what the current session did most recently and most strongly', () => {
    const intent = sessionIntent([ev('view', 'mug', NOW - 3_600_000, 's1'), ev('view', 'shoe', NOW - 60_000), ev('add_to_cart', 'sock', NOW)], sources, { now: NOW });
    const v = intent.vector!;
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
    expect(v[0]!).toBeGreaterThan(v[2]!);
    expect(intent.evidence[0]).toMatchObject({ type: 'add_to_cart', itemId: 'sock' });
    expect(intent.currentSessionId).toBe('s2');
  });

  it('moves away from an item removed from the cart, and follows a typed query', () => {
    const base = sessionIntent([ev('view', 'shoe', NOW - 1000), ev('view', 'sock', NOW - 500)], sources, { now: NOW }).vector!;
    const removed = sessionIntent([ev('view', 'shoe', NOW - 1000), ev('view', 'sock', NOW - 500), ev('remove_from_cart', 'sock', NOW)], sources, { now: NOW }).vector!;
    expect(removed[1]!).toBeLessThan(base[1]!);
    const searched = sessionIntent([ev('view', 'shoe', NOW - 1000), ev('search', null, NOW, 's2', { query: 'coffee' })], sources, { now: NOW }).vector!;
    expect(searched[2]!).toBeGreaterThan(0.5);
  });

  it('derives a price band from engaged prices with a floor on the spread', () => {
    const intent = sessionIntent([ev('view', 'shoe', NOW, 's2', { price: 50 }), ev('view', 'sock', NOW, 's2', { price: 60 })], sources, { now: NOW });
    expect(intent.priceBand!.median).toBeGreaterThanOrEqual(50);
    expect(intent.priceBand!.median).toBeLessThanOrEqual(60);
    expect(intent.priceBand!.spread).toBeGreaterThanOrEqual(0.35);
  });
});
