import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopFixture, MIN, T0 } from '../loop-fixture';

// The 5 s clock-skew allowance is for a list logged just after the event by a skewed clock; it must not
// let a later list (a re-render) win over one already shown when the event names no list.
describe('clock skew in window attribution', () => {
  let f: ReturnType<typeof loopFixture>;
  beforeEach(() => (f = loopFixture()));
  afterEach(() => f.cleanup());

  it('credits the latest list at or before the click, not one logged within the skew after it', () => {
    const shown = f.list('u1', ['a', 'b'], T0);
    f.list('u1', ['b', 'a'], T0 + 3000);
    f.ingest([{ type: 'click', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'b', ts: T0 + 1000 }], T0 + 1000);
    expect(f.rewards()).toMatchObject([{ impression_id: shown, position: 2, kind: 'window' }]);
  });

  it('still uses the skew allowance when no list precedes the click: the earliest within it', () => {
    f.list('u1', ['b'], T0 - 31 * MIN);
    const first = f.list('u1', ['a', 'b'], T0 + 2000);
    f.list('u1', ['b', 'a'], T0 + 4000);
    f.list('u1', ['b'], T0 + 6000);
    f.ingest([{ type: 'click', shopperId: 'u1', sessionId: 'u1-s1', itemId: 'b', ts: T0 }], T0);
    expect(f.rewards()).toMatchObject([{ impression_id: first, position: 2, kind: 'window' }]);
  });
});
