import { describe, expect, it } from 'vitest';
import { CoVisitation } from '../../../../src/main/engine/retrieval';

const ev = (sessionId: string, itemId: string, ts: number, type = 'view') => ({ type, itemId, sessionId, ts });

describe('CoVisitation', () => {
  it('links an item to what the same session viewed next, strongest for carts and near steps', () => {
    const c = new CoVisitation();
    c.observe(ev('s1', 'shoe', 0));
    c.observe(ev('s1', 'sock', 1000));
    c.observe(ev('s1', 'lace', 2000, 'add_to_cart'));
    c.observe(ev('s2', 'shoe', 0));
    c.observe(ev('s2', 'sock', 500));
    const next = c.coVisited(['shoe'], 5).map((n) => n.itemId);
    // shoe -> sock: two sessions' next views (1 + 1); shoe -> lace: a cart two steps later (3 / 2).
    expect(next).toEqual(['sock', 'lace']);
    expect(c.coVisited(['shoe'], 5)[1]!.score).toBeCloseTo(1.5, 3);
    expect(c.coVisited(['sock'], 5)[0]!.itemId).toBe('lace');
    // Backward links are weaker but present.
    expect(c.coVisited(['lace'], 5).map((n) => n.itemId)).toEqual(['sock', 'shoe']);
  });

  it('does not link across sessions, ignores impressions and leaves the seeds out', () => {
    const c = new CoVisitation();
    c.observe(ev('s1', 'a', 0));
    c.observe(ev('s2', 'b', 1));
    c.observe(ev('s1', 'c', 2, 'impression'));
    expect(c.coVisited(['a'], 5)).toEqual([]);
    c.observe(ev('s1', 'b', 3));
    expect(c.coVisited(['a', 'b'], 5)).toEqual([]);
  });

  it('forgets a session after the inactivity gap', () => {
    const c = new CoVisitation({ sessionIdleMs: 60_000 });
    c.observe(ev('s1', 'a', 0));
    c.observe(ev('s2', 'x', 120_000)); // evicts s1
    c.observe(ev('s1', 'b', 121_000));
    expect(c.coVisited(['a'], 5)).toEqual([]);
  });

  it('keeps at most the configured neighbours per item', () => {
    const c = new CoVisitation({ neighbours: 4 });
    for (let i = 0; i < 50; i++) {
      c.observe(ev(`s${i}`, 'hub', i * 10));
      for (let r = 0; r <= i % 5; r++) c.observe(ev(`s${i}`, `n${i}`, i * 10 + 1));
    }
    const all = c.coVisited(['hub'], 100);
    expect(all.length).toBeLessThanOrEqual(8);
    expect(all.length).toBeGreaterThanOrEqual(4);
  });
});
