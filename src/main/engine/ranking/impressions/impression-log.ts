import type { Database, Statement } from 'better-sqlite3';
import { Impression, type RankedList } from '../../../../shared/contract/recommendations';
import { newEventId } from '../../store/event-id';
import { DEFAULT_PROPENSITY_TEMPERATURE } from './propensity';

/** How the logged propensities were made, stored with each list so later estimators know what they read. */
export interface PropensityPolicy {
  readonly kind: 'plackett-luce-first-draw';
  /** As a fraction of the list's score range. */
  readonly temperature: number;
  /** True when the list itself was served deterministically (the default); see docs/RANKING.md. */
  readonly deterministic: boolean;
}

export const DEFAULT_POLICY: PropensityPolicy = { kind: 'plackett-luce-first-draw', temperature: DEFAULT_PROPENSITY_TEMPERATURE, deterministic: true };

/** What the engine knows about a list before it is logged; the log gives it its id. */
export type ListToLog = Omit<RankedList, 'impressionId'> & { readonly query?: string | null; readonly createdAt?: number; readonly policy?: PropensityPolicy };

interface ImpressionRow {
  impression_id: string;
  created_at: number;
  slot: string;
  shopper_id: string | null;
  session_id: string | null;
  query: string | null;
  weights_version: number;
  model_version: string;
  cold_start: number;
  purchase_intent: number;
  took_ms: number;
  policy: string;
  items: string;
}

/**
 * Every returned list, one row each, written with one prepared insert (tens of microseconds).
 * Clicks and purchases join back on (session_id, item, time): the items are JSON, readable in SQL
 * with json_each(items).
 */
export class ImpressionLog {
  private readonly insert: Statement;
  private readonly byId: Statement<[string], ImpressionRow>;
  private readonly bySession: Statement<[string, number], ImpressionRow>;

  constructor(db: Database) {
    this.insert = db.prepare(`INSERT INTO impressions (impression_id, created_at, slot, shopper_id, session_id, query, weights_version,
      model_version, cold_start, purchase_intent, took_ms, policy, items)
      VALUES (@impressionId, @createdAt, @slot, @shopperId, @sessionId, @query, @weightsVersion, @modelVersion, @coldStart,
      @purchaseIntent, @tookMs, @policy, @items)`);
    this.byId = db.prepare('SELECT * FROM impressions WHERE impression_id = ?');
    this.bySession = db.prepare('SELECT * FROM impressions WHERE session_id = ? ORDER BY created_at DESC, impression_id DESC LIMIT ?');
  }

  /** Logs a list and returns it as the contract's Impression, with its new id. */
  write(list: ListToLog): Impression {
    const impressionId = newEventId();
    const createdAt = list.createdAt ?? Date.now();
    const policy = list.policy ?? DEFAULT_POLICY;
    this.insert.run({
      impressionId,
      createdAt,
      slot: list.slot,
      shopperId: list.shopperId,
      sessionId: list.sessionId,
      query: list.query ?? null,
      weightsVersion: list.weightsVersion,
      modelVersion: list.modelVersion,
      coldStart: list.coldStart ? 1 : 0,
      purchaseIntent: list.purchaseIntent,
      tookMs: list.tookMs,
      policy: JSON.stringify(policy),
      items: JSON.stringify(list.items),
    });
    return {
      impressionId,
      createdAt,
      query: list.query ?? null,
      slot: list.slot,
      shopperId: list.shopperId,
      sessionId: list.sessionId,
      coldStart: list.coldStart,
      weightsVersion: list.weightsVersion,
      modelVersion: list.modelVersion,
      purchaseIntent: list.purchaseIntent,
      items: list.items,
      tookMs: list.tookMs,
    };
  }

  get(impressionId: string): Impression | undefined {
    const row = this.byId.get(impressionId);
    return row ? toImpression(row) : undefined;
  }

  /** The propensity policy a list was logged under. */
  policyOf(impressionId: string): PropensityPolicy | undefined {
    const row = this.byId.get(impressionId);
    return row ? (JSON.parse(row.policy) as PropensityPolicy) : undefined;
  }

  /** A session's most recent lists, newest first. */
  forSession(sessionId: string, limit = 50): Impression[] {
    return this.bySession.all(sessionId, limit).map(toImpression);
  }
}

function toImpression(row: ImpressionRow): Impression {
  return Impression.parse({
    impressionId: row.impression_id,
    createdAt: row.created_at,
    query: row.query,
    slot: row.slot,
    shopperId: row.shopper_id,
    sessionId: row.session_id,
    coldStart: row.cold_start === 1,
    weightsVersion: row.weights_version,
    modelVersion: row.model_version,
    purchaseIntent: row.purchase_intent,
    items: JSON.parse(row.items) as unknown,
    tookMs: row.took_ms,
  });
}
