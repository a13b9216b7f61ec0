/**
 * A purchase priced 1e308 x 2 (Infinity) made the roll-up sum NaN, SQLite stored NULL, the roll-up
 * write failed on the flush timer (the process exited), the failed write dropped every other delta of
 * that second, and the engine could not open its store again (catch-up replayed the reward). At 1e200
 * the squared revenue was Infinity and metrics.summary answered 500 forever.
 * The contract now refuses such prices (bad-input.test.ts); these rows get past it the way rows stored
 * before the ceiling would: straight into the store, beside the contract.
 * Checked failing before the fix: the first three threw "NOT NULL constraint failed:
 * metric_rollups.revenue_sq_lists" or returned Infinity; the last lost the click with the failed write.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MetricsSummary, MAX_ORDER_VALUE } from '../../../../../src/shared/contract';
import { loopFixture, MIN, T0 } from '../loop-fixture';

const HOUR = 60 * MIN;
const range = { dimension: 'all' as const, from: T0, to: T0 + 3 * HOUR };

describe('revenue that is too large for its sums', () => {
  let f: ReturnType<typeof loopFixture>;
  beforeEach(() => (f = loopFixture()));
  afterEach(() => {
    vi.restoreAllMocks();
    f.cleanup();
  });

  function buy(price: number, quantity: number): string {
    const a = f.list('u1', ['x', 'y'], T0);
    f.ingest(
      [
        { type: 'click', shopperId: 'u1', itemId: 'x', impressionId: a, ts: T0 + MIN },
        { type: 'purchase', shopperId: 'u1', itemId: 'x', impressionId: a, price, quantity, ts: T0 + 2 * MIN },
        { type: 'purchase', shopperId: 'u1', itemId: 'y', impressionId: a, price: 5, quantity: 1, ts: T0 + 3 * MIN },
      ],
      T0 + 4 * MIN,
    );
    return a;
  }

  /** The summary passes its own reply contract (no Infinity, no NaN) and still counts the orders. */
  function expectFiniteSummary(): MetricsSummary {
    const summary = f.loop.summary(range);
    expect(MetricsSummary.safeParse(summary).error).toBeUndefined();
    expect(summary.rows[0]!.counts).toMatchObject({ lists: 1, clickedItems: 1, orders: 2, purchasedLists: 1 });
    return summary;
  }

  it('a value that is Infinity (1e308 x 2) is held to the largest order value', () => {
    buy(1e308, 2);
    expect(() => f.loop.flush()).not.toThrow();
    const counts = expectFiniteSummary().rows[0]!.counts;
    expect(counts.revenue).toBe(MAX_ORDER_VALUE + 5);
  });

  it('a finite value whose square is Infinity (1e200)', () => {
    buy(1e200, 1);
    expectFiniteSummary();
  });

  it('an engine whose store already holds an infinite reward, not yet rolled up, opens and answers', () => {
    buy(1, 1);
    // As a run before the ceiling would have logged it, and then crashed before its flush.
    f.db.prepare("UPDATE rewards SET value = 9e999, list_value_before = 9e999 WHERE type = 'purchase'").run();
    expect(() => f.crashAndReopen()).not.toThrow();
    expectFiniteSummary();
  });

  it('roll-ups already holding Infinity read as finite figures', () => {
    buy(1, 1);
    f.loop.flush();
    f.db.prepare('UPDATE metric_rollups SET revenue = 9e999, revenue_sq_lists = 9e999, order_value_sq = 9e999').run();
    const summary = expectFiniteSummary();
    expect(summary.rows[0]!.metrics.revenuePerMille.value).toBe(0);
  });

  it('a failed roll-up write neither throws out of the flush nor loses its deltas', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    f.db.exec("CREATE TRIGGER no_writes BEFORE INSERT ON attribution_counts BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    buy(10, 1);
    expect(() => f.loop.flush()).not.toThrow();
    expect(() => f.loop.flush()).not.toThrow();
    // Logged once for the run of failures, not once a second.
    expect(errors.mock.calls.filter((c) => String(c[0]).includes('writing roll-ups failed'))).toHaveLength(1);
    expect(f.loop.attributionStats().rewards).toBe(0);
    f.db.exec('DROP TRIGGER no_writes');
    expect(f.loop.attributionStats().rewards).toBe(3);
    expect(f.loop.summary(range).rows[0]!.counts).toMatchObject({ lists: 1, clicks: 1, orders: 2, revenue: 15 });
  });
});
