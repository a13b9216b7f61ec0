/**
 * Deletes everything stored about one shopper in short transactions (DELETE_CHUNK rows each),
 * letting the event loop run between them, so a shopper with a long history does not hold the
 * engine. Roll-ups and search analytics are not touched: they keep anonymous counts.
 */
import type { Database } from 'better-sqlite3';
import type { ShopperFootprint } from '../../../shared/contract';
import { DELETE_CHUNK, placeholders, slices } from './chunks';
import { nextTurn } from '../workers/time-slices';
import { countEvents, impressionIdsOf, rewardSeqsOf, sessionIdsOf } from './shopper-rows';

export type ErasedCounts = Omit<ShopperFootprint, 'shopperId'>;

/** Counts what an erasure would delete (`live` is filled in by the caller). */
export function storedFootprint(db: Database, shopperId: string): Omit<ErasedCounts, 'live'> {
  const sessionIds = sessionIdsOf(db, shopperId);
  const impressionIds = impressionIdsOf(db, shopperId, sessionIds);
  return {
    sessions: sessionIds.length,
    events: countEvents(db, sessionIds),
    impressions: impressionIds.length,
    rewards: rewardSeqsOf(db, sessionIds, impressionIds).size,
  };
}

/**
 * Deletes the shopper's rewards, events (and their share of event_counts), lists and sessions.
 * Repeats while rows remain, so events stored for the shopper while it ran are deleted too.
 */
export async function eraseStoredRows(db: Database, shopperId: string, pause: () => Promise<void> = nextTurn): Promise<Omit<ErasedCounts, 'live'>> {
  const total = { sessions: 0, events: 0, impressions: 0, rewards: 0 };
  for (let round = 0; round < 5; round++) {
    const sessionIds = sessionIdsOf(db, shopperId);
    const impressionIds = impressionIdsOf(db, shopperId, sessionIds);
    const rewardSeqs = [...rewardSeqsOf(db, sessionIds, impressionIds)];
    if (sessionIds.length + impressionIds.length + rewardSeqs.length === 0) break;
    for (const part of slices(rewardSeqs, DELETE_CHUNK)) {
      total.rewards += db.prepare(`DELETE FROM rewards WHERE seq IN (${placeholders(part.length)})`).run(...part).changes;
      await pause();
    }
    for (const part of slices(sessionIds, 200)) {
      for (;;) {
        const n = deleteEventChunk(db, part);
        total.events += n;
        if (n === 0) break;
        await pause();
      }
    }
    for (const part of slices(impressionIds, DELETE_CHUNK)) {
      total.impressions += db.prepare(`DELETE FROM impressions WHERE impression_id IN (${placeholders(part.length)})`).run(...part).changes;
      await pause();
    }
    for (const part of slices(sessionIds, DELETE_CHUNK)) {
      total.sessions += db.prepare(`DELETE FROM sessions WHERE session_id IN (${placeholders(part.length)})`).run(...part).changes;
      await pause();
    }
  }
  return total;
}

/** One transaction: up to DELETE_CHUNK events of these sessions, and their counts by type. */
function deleteEventChunk(db: Database, sessionIds: readonly string[]): number {
  return db.transaction((): number => {
    const rows = db
      .prepare(`SELECT seq, type FROM events WHERE session_id IN (${placeholders(sessionIds.length)}) LIMIT ?`)
      .all(...sessionIds, DELETE_CHUNK) as { seq: number; type: string }[];
    if (rows.length === 0) return 0;
    const seqs = rows.map((r) => r.seq);
    db.prepare(`DELETE FROM events WHERE seq IN (${placeholders(seqs.length)})`).run(...seqs);
    subtractEventCounts(db, rows);
    return rows.length;
  })();
}

/** event_counts follows the events table (stats read it instead of counting); a type with none left is removed. */
export function subtractEventCounts(db: Database, rows: readonly { type: string }[]): void {
  const byType = new Map<string, number>();
  for (const r of rows) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  const update = db.prepare('UPDATE event_counts SET n = n - ? WHERE type = ?');
  for (const [type, n] of byType) update.run(n, type);
  db.prepare('DELETE FROM event_counts WHERE n <= 0').run();
}
