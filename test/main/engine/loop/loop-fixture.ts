import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { EventInput } from '../../../../src/shared/contract';
import { LoopService } from '../../../../src/main/engine/loop/loop-service';
import { ImpressionLog, type ListToLog } from '../../../../src/main/engine/ranking';
import { AuditLog, EventRepository, openDatabase } from '../../../../src/main/engine/store';
import { tempDir } from '../../../helpers/temp-dir';

export const T0 = Date.UTC(2026, 2, 1, 12);
export const MIN = 60_000;

/** A real store with the loop attached: log lists, ingest events, read what attribution and the roll-ups made of them. */
export function loopFixture(options: { maxLists?: number } = {}) {
  const t = tempDir('instinct-loop-');
  const file = join(t.dir, 'instinct.db');
  let db: Database = openDatabase(file);
  const open = (d: Database) => {
    const events = new EventRepository(d);
    const impressions = new ImpressionLog(d);
    const loop = new LoopService(d, { events, impressions, audit: new AuditLog(d), priceOf: () => 10, labelOf: (_dim, key) => key, flushEveryMs: 3_600_000, ...(options.maxLists ? { recentLists: { maxLists: options.maxLists } } : {}) });
    return { events, impressions, loop };
  };
  let parts = open(db);
  return {
    get db() {
      return db;
    },
    get loop() {
      return parts.loop;
    },
    /** Logs a list of `itemIds` (positions 1..n) shown to a shopper at `ts`. */
    list(shopperId: string | null, itemIds: readonly string[], ts: number, extra: Partial<ListToLog> = {}): string {
      return parts.impressions.write({
        slot: 'home',
        shopperId,
        sessionId: shopperId ? `${shopperId}-s1` : null,
        coldStart: false,
        weightsVersion: 1,
        modelVersion: 'text',
        purchaseIntent: 0.1,
        experiment: null,
        tookMs: 1,
        createdAt: ts,
        items: itemIds.map((itemId, i) => ({ itemId, title: itemId, position: i + 1, score: 1 - i / 100, propensity: 1, contributions: { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 }, rules: [], sources: ['ann'] })),
        ...extra,
      }).impressionId;
    },
    ingest(events: EventInput[], receivedAt: number, rejectWholeBatch = false, history = false) {
      return parts.events.insertEvents(events, { rejectWholeBatch, now: receivedAt, history });
    },
    rewards(): { seq: number; impression_id: string | null; item_id: string; position: number | null; type: string; kind: string; reason: string | null; late: number; first_for_item: number; first_for_list: number; value: number }[] {
      return db.prepare('SELECT * FROM rewards ORDER BY seq').all() as never;
    },
    /** Drops the loop without flushing (as a crash would) and opens the store again. */
    crashAndReopen(): void {
      db.close();
      db = openDatabase(file);
      parts = open(db);
    },
    cleanup(): void {
      parts.loop.close();
      db.close();
      t.cleanup();
    },
  };
}
