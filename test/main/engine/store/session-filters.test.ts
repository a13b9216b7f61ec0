import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListSessionsRequest, type EventInput } from '../../../../src/shared/contract';
import { SESSION_GAP_MS } from '../../../../src/main/engine/store';
import { tempEngine } from '../../../helpers/temp-dir';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const ev = (type: string, shopperId: string, itemId: string, ts: number): EventInput => ({ type, shopperId, itemId, ts, ...(type === 'purchase' ? { price: 10 } : {}) });

describe('sessions.list filters (Sessions page)', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => {
    env = tempEngine();
    env.engine.events.insertEvents(
      [
        // u1: a 3-event session with a purchase on day 0.
        ev('view', 'u1', 'a', T0),
        ev('cart', 'u1', 'a', T0 + 1000),
        ev('purchase', 'u1', 'a', T0 + 2000),
        // u2: a 1-event session on day 1, no purchase.
        ev('view', 'u2', 'b', T0 + DAY),
        // u3: a 2-event session on day 2, no purchase; then a later 1-event session with a purchase.
        ev('view', 'u3', 'c', T0 + 2 * DAY),
        ev('view', 'u3', 'd', T0 + 2 * DAY + 1000),
        ev('purchase', 'u3', 'd', T0 + 2 * DAY + 2 * SESSION_GAP_MS),
      ],
      { rejectWholeBatch: true },
    );
  });
  afterEach(() => env.cleanup());

  const list = (req: Partial<ListSessionsRequest>) => env.engine.stats.sessions(ListSessionsRequest.parse({ limit: 50, ...req }));
  const shape = (req: Partial<ListSessionsRequest>) => list(req).map((s) => `${s.shopperId}:${s.eventCount}:${s.purchases}`);

  it('counts purchases in every summary, filtered or not', () => {
    expect(shape({}).sort()).toEqual(['u1:3:1', 'u2:1:0', 'u3:1:1', 'u3:2:0']);
  });

  it('keeps sessions with or without a purchase', () => {
    expect(shape({ purchased: true })).toEqual(['u3:1:1', 'u1:3:1']);
    expect(shape({ purchased: false })).toEqual(['u3:2:0', 'u2:1:0']);
  });

  it('keeps sessions started in a date range (from inclusive, before exclusive)', () => {
    expect(shape({ startedFrom: T0 + DAY, startedBefore: T0 + 2 * DAY })).toEqual(['u2:1:0']);
    expect(shape({ startedFrom: T0 + 2 * DAY })).toEqual(['u3:1:1', 'u3:2:0']);
  });

  it('keeps sessions by length, and combines filters with the shopper', () => {
    expect(shape({ minEvents: 2 })).toEqual(['u3:2:0', 'u1:3:1']);
    expect(shape({ maxEvents: 1 })).toEqual(['u3:1:1', 'u2:1:0']);
    expect(shape({ shopperId: 'u3', minEvents: 2, purchased: false })).toEqual(['u3:2:0']);
    expect(shape({ shopperId: 'u3', purchased: true, maxEvents: 1, startedFrom: T0 })).toEqual(['u3:1:1']);
  });

  it('honours the limit, newest activity first', () => {
    expect(shape({ purchased: true, limit: 1 })).toEqual(['u3:1:1']);
  });
});
