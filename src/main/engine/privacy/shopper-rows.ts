/**
 * Where a shopper's rows are: sessions (by shopper), events (by their sessions), impressions (by
 * shopper, or by one of their sessions when logged without a shopper id), rewards (one per click,
 * cart add or purchase event: the reward's seq is the event's seq). Nothing else in the store is
 * keyed by shopper (docs/PRIVACY.md lists every table and why).
 */
import type { Database } from 'better-sqlite3';
import type { ExportedImpression, ExportedReward, SessionSummary, StoredEvent } from '../../../shared/contract';
import { toStoredEvent, type EventRow } from '../store/event-rows';
import type { RewardDbRow } from '../loop/attribution/reward-log';
import { placeholders, slices } from './chunks';
import { catalogueLookup, decodeStoredItems } from '../ranking';
import { CatalogRepository } from '../store/catalog-repository';
import { boundedValue } from '../loop/attribution/reward-value';

/** SQLite's default limit on bound parameters is far above this. */
const IN_LIST = 500;

export function sessionIdsOf(db: Database, shopperId: string): string[] {
  return (db.prepare('SELECT session_id FROM sessions WHERE shopper_id = ? ORDER BY started_at').all(shopperId) as { session_id: string }[]).map((r) => r.session_id);
}

/** Impression ids of the shopper's lists: logged with their id, or with one of their sessions. */
export function impressionIdsOf(db: Database, shopperId: string, sessionIds: readonly string[]): string[] {
  const ids = new Set((db.prepare('SELECT impression_id FROM impressions WHERE shopper_id = ?').all(shopperId) as { impression_id: string }[]).map((r) => r.impression_id));
  for (const part of slices(sessionIds, IN_LIST)) {
    const rows = db.prepare(`SELECT impression_id FROM impressions WHERE session_id IN (${placeholders(part.length)})`).all(...part) as { impression_id: string }[];
    for (const r of rows) ids.add(r.impression_id);
  }
  return [...ids];
}

export function countEvents(db: Database, sessionIds: readonly string[]): number {
  let n = 0;
  for (const part of slices(sessionIds, IN_LIST)) {
    n += (db.prepare(`SELECT count(*) AS n FROM events WHERE session_id IN (${placeholders(part.length)})`).get(...part) as { n: number }).n;
  }
  return n;
}

/** Rewards of the shopper's events, and any other reward joined to one of their lists. */
export function rewardSeqsOf(db: Database, sessionIds: readonly string[], impressionIds: readonly string[]): Set<number> {
  const seqs = new Set<number>();
  for (const part of slices(sessionIds, IN_LIST)) {
    const rows = db
      .prepare(`SELECT r.seq FROM rewards r JOIN events e ON e.seq = r.seq WHERE e.session_id IN (${placeholders(part.length)})`)
      .all(...part) as { seq: number }[];
    for (const r of rows) seqs.add(r.seq);
  }
  for (const part of slices(impressionIds, IN_LIST)) {
    const rows = db.prepare(`SELECT seq FROM rewards WHERE impression_id IN (${placeholders(part.length)})`).all(...part) as { seq: number }[];
    for (const r of rows) seqs.add(r.seq);
  }
  return seqs;
}

export function sessionsOf(db: Database, shopperId: string): SessionSummary[] {
  const rows = db.prepare('SELECT * FROM sessions WHERE shopper_id = ? ORDER BY started_at').all(shopperId) as {
    session_id: string;
    shopper_id: string;
    started_at: number;
    last_event_at: number;
    event_count: number;
  }[];
  return rows.map((r) => ({ sessionId: r.session_id, shopperId: r.shopper_id, startedAt: r.started_at, lastEventAt: r.last_event_at, eventCount: r.event_count }));
}

export function eventsOf(db: Database, sessionIds: readonly string[]): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (const part of slices(sessionIds, IN_LIST)) {
    const rows = db.prepare(`SELECT * FROM events WHERE session_id IN (${placeholders(part.length)})`).all(...part) as EventRow[];
    events.push(...rows.map(toStoredEvent));
  }
  return events.sort((a, b) => a.seq - b.seq);
}

interface ImpressionExportRow {
  impression_id: string;
  created_at: number;
  slot: string;
  session_id: string | null;
  query: string | null;
  weights_version: number;
  model_version: string;
  policy: string;
  experiment_id: string | null;
  arm_id: string | null;
  items: string;
}

export function impressionsOf(db: Database, impressionIds: readonly string[]): ExportedImpression[] {
  const out: ExportedImpression[] = [];
  const catalogue = catalogueLookup(new CatalogRepository(db));
  for (const part of slices(impressionIds, IN_LIST)) {
    const rows = db
      .prepare(`SELECT impression_id, created_at, slot, session_id, query, weights_version, model_version, policy, experiment_id, arm_id, items
        FROM impressions WHERE impression_id IN (${placeholders(part.length)})`)
      .all(...part) as ImpressionExportRow[];
    for (const r of rows) {
      const items: unknown = decodeStoredItems(r.items, catalogue);
      out.push({
        impressionId: r.impression_id,
        createdAt: r.created_at,
        slot: r.slot,
        sessionId: r.session_id,
        query: r.query,
        weightsVersion: r.weights_version,
        modelVersion: r.model_version,
        policy: r.policy,
        experimentId: r.experiment_id,
        armId: r.arm_id,
        items: Array.isArray(items) ? items.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null && !Array.isArray(i)) : [],
      });
    }
  }
  return out.sort((a, b) => a.createdAt - b.createdAt);
}

export function rewardsOf(db: Database, seqs: Iterable<number>): ExportedReward[] {
  const out: ExportedReward[] = [];
  for (const part of slices([...seqs], IN_LIST)) {
    const rows = db.prepare(`SELECT * FROM rewards WHERE seq IN (${placeholders(part.length)})`).all(...part) as RewardDbRow[];
    for (const r of rows) {
      // A value stored before the price ceiling can be Infinity, which JSON cannot carry: it reads as the largest order value.
      out.push({ eventSeq: r.seq, impressionId: r.impression_id, itemId: r.item_id, position: r.position, type: r.type, value: r.value > 0 ? boundedValue(r.value) : r.value, quantity: r.quantity, kind: r.kind, reason: r.reason, ts: r.ts });
    }
  }
  return out.sort((a, b) => a.eventSeq - b.eventSeq);
}
