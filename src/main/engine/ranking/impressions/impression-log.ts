import type { Database, Statement } from 'better-sqlite3';
import { Impression, type RankedList } from '../../../../shared/contract/recommendations';
import { CatalogRepository } from '../../store/catalog-repository';
import { newEventId } from '../../store/event-id';
import { DETERMINISTIC_WEIGHTS, parseLoggingPolicy, type LoggingPolicy } from './logging-policy';
import { servedItems, type ServedList } from './served-list';
import { catalogueLookup, decodeStoredItems, encodeStoredItems, storedServedItems, type CatalogueFields } from './stored-items';

/** What the engine knows about a list before it is logged; the log gives it its id. */
export type ListToLog = Omit<RankedList, 'impressionId' | 'policy' | 'explored'> & {
  readonly query?: string | null;
  readonly createdAt?: number;
  readonly logging?: LoggingPolicy;
  /** Per considered item (shown, then the exploration pool, then its context): its channel scores and rules' effect, for estimators and policy learning. */
  readonly features?: Float32Array;
};

export interface ImpressionRow {
  rowid: number;
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
  experiment_id: string | null;
  arm_id: string | null;
  features: Buffer | null;
}

/**
 * Every returned list, one row each, written with one prepared insert (tens of microseconds).
 * Listeners (the loop's attribution and roll-ups) hear of each list as it is logged.
 */
export class ImpressionLog {
  private readonly insert: Statement;
  private readonly byId: Statement<[string], ImpressionRow>;
  private readonly bySession: Statement<[string, number], ImpressionRow>;
  /** The catalogue's fields of a stored item, as the catalogue has them now. */
  private readonly catalogue: (itemId: string) => CatalogueFields | undefined;
  private readonly listeners: ((list: ServedList) => void)[] = [];

  constructor(db: Database) {
    this.insert = db.prepare(`INSERT INTO impressions (impression_id, created_at, slot, shopper_id, session_id, query, weights_version,
      model_version, cold_start, purchase_intent, took_ms, policy, items, experiment_id, arm_id, features)
      VALUES (@impressionId, @createdAt, @slot, @shopperId, @sessionId, @query, @weightsVersion, @modelVersion, @coldStart,
      @purchaseIntent, @tookMs, @policy, @items, @experimentId, @armId, @features) RETURNING rowid`);
    this.byId = db.prepare('SELECT rowid, * FROM impressions WHERE impression_id = ?');
    this.bySession = db.prepare('SELECT rowid, * FROM impressions WHERE session_id = ? ORDER BY created_at DESC, impression_id DESC LIMIT ?');
    this.catalogue = catalogueLookup(new CatalogRepository(db));
  }

  /** Hears of every list logged from now on. */
  onWrite(listener: (list: ServedList) => void): void {
    this.listeners.push(listener);
  }

  /** Logs a list and returns it as the contract's Impression, with its new id. */
  write(list: ListToLog): Impression {
    const impressionId = newEventId();
    const createdAt = list.createdAt ?? Date.now();
    const logging = list.logging ?? DETERMINISTIC_WEIGHTS;
    const { rowid } = this.insert.get({
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
      policy: JSON.stringify(logging),
      items: encodeStoredItems(list.items),
      experimentId: list.experiment?.experimentId ?? null,
      armId: list.experiment?.armId ?? null,
      features: list.features ? Buffer.from(list.features.buffer, list.features.byteOffset, list.features.byteLength) : null,
    }) as { rowid: number };
    const impression: Impression = {
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
      experiment: list.experiment,
      policy: logging.ranking,
      explored: logging.exploration?.shuffled === true,
      items: list.items,
      tookMs: list.tookMs,
    };
    if (this.listeners.length > 0) {
      const served: ServedList = { ...impression, rowid, items: servedItems(list.items) };
      for (const listener of this.listeners) listener(served);
    }
    return impression;
  }

  get(impressionId: string): Impression | undefined {
    const row = this.byId.get(impressionId);
    return row ? toImpression(row, this.catalogue) : undefined;
  }

  /** The logging policy a list was served under. */
  policyOf(impressionId: string): LoggingPolicy | undefined {
    const row = this.byId.get(impressionId);
    return row ? parseLoggingPolicy(row.policy) : undefined;
  }

  /** A session's most recent lists, newest first. */
  forSession(sessionId: string, limit = 50): Impression[] {
    return this.bySession.all(sessionId, limit).map((row) => toImpression(row, this.catalogue));
  }
}

/** A stored row as the contract's Impression; `catalogue` gives the items' titles, brands and categories. */
export function toImpression(row: ImpressionRow, catalogue: (itemId: string) => CatalogueFields | undefined): Impression {
  const logging = parseLoggingPolicy(row.policy);
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
    experiment: row.experiment_id !== null && row.arm_id !== null ? { experimentId: row.experiment_id, armId: row.arm_id } : null,
    policy: logging.ranking,
    explored: logging.exploration?.shuffled === true,
    items: decodeStoredItems(row.items, catalogue),
    tookMs: row.took_ms,
  });
}

/** A stored row as the loop reads it (start-up catch-up, lists older than the in-memory window). */
export function servedListOf(row: ImpressionRow): ServedList {
  const logging = parseLoggingPolicy(row.policy);
  return {
    rowid: row.rowid,
    impressionId: row.impression_id,
    createdAt: row.created_at,
    slot: row.slot,
    shopperId: row.shopper_id,
    sessionId: row.session_id,
    query: row.query,
    weightsVersion: row.weights_version,
    modelVersion: row.model_version,
    policy: logging.ranking,
    experiment: row.experiment_id !== null && row.arm_id !== null ? { experimentId: row.experiment_id, armId: row.arm_id } : null,
    explored: logging.exploration?.shuffled === true,
    items: storedServedItems(row.items),
  };
}
