import type { Database, Statement } from 'better-sqlite3';
import type { EventInput, RecentEventsRequest, StoredEvent } from '../../../shared/contract';
import { newEventId } from './event-id';
import { toStoredEvent, type EventRow } from './event-rows';
import { Sessionizer } from './sessionizer';

/** An event the store refused, by its index in the batch. */
export interface EventRejection {
  index: number;
  field: string;
  reason: string;
}

export interface InsertOutcome {
  stored: StoredEvent[];
  duplicates: number;
  /** The id of every input event, in input order (generated where the client gave none). */
  ids: string[];
  rejections: EventRejection[];
}

/**
 * Sees every event as it is stored, inside the insert transaction: what it writes commits or rolls
 * back with the events (attribution of rewards to lists uses this). `settled` follows every batch.
 */
export interface StoredEventObserver {
  /** `history`: loaded by an import or the demo seed (past events), not sent live. */
  stored(event: StoredEvent, receivedAt: number, history: boolean): void;
  /** An event whose id was already stored: neither stored nor observed again. */
  duplicate?(id: string): void;
  settled(committed: boolean): void;
}

export class SessionOwnerError extends Error {
  constructor(readonly rejection: EventRejection) {
    super(`events.${rejection.index}.${rejection.field}: ${rejection.reason}`);
  }
}

/**
 * Appends events in one transaction, idempotent by event id. With `rejectWholeBatch` (the API's
 * mode) any bad event rolls the batch back; otherwise (importers) bad events are reported and the
 * good ones stored.
 */
export class EventRepository {
  private readonly sessions: Sessionizer;
  private readonly insert: Statement;
  private readonly bumpCount: Statement<[string, number]>;
  private readonly exists: Statement<[string]>;
  private readonly observers: StoredEventObserver[] = [];

  constructor(private readonly db: Database) {
    this.sessions = new Sessionizer(db);
    this.insert = db.prepare(`INSERT OR IGNORE INTO events
      (id, type, shopper_id, session_id, item_id, query, price, quantity, ts, context, received_at, impression_id, position)
      VALUES (@id, @type, @shopperId, @sessionId, @itemId, @query, @price, @quantity, @ts, @context, @receivedAt, @impressionId, @position)
      RETURNING seq`);
    this.exists = db.prepare('SELECT 1 FROM events WHERE id = ?');
    this.bumpCount = db.prepare('INSERT INTO event_counts (type, n) VALUES (?, ?) ON CONFLICT (type) DO UPDATE SET n = n + excluded.n');
  }

  /** Forgets the shopper's open session held in memory (an erasure deleted the shopper's rows). */
  forgetShopper(shopperId: string): void {
    this.sessions.forgetShopper(shopperId);
  }

  /**
   * The latest event time stored for the shopper (this batch's included); an observer's event
   * earlier than this came out of order. Undefined for a shopper with no session in memory.
   */
  latestEventTs(shopperId: string): number | undefined {
    return this.sessions.latestTs(shopperId);
  }

  /** Adds an observer of stored events (see StoredEventObserver). */
  observe(observer: StoredEventObserver): void {
    this.observers.push(observer);
  }

  /**
   * `history`: the events come from an import or the demo seed (the past loaded in bulk), not from a
   * live client; observers count them apart (a reward from last month's export is not "late").
   */
  insertEvents(events: readonly EventInput[], options: { rejectWholeBatch: boolean; now?: number; history?: boolean }): InsertOutcome {
    const run = this.db.transaction((): InsertOutcome => {
      const now = options.now ?? Date.now();
      const outcome: InsertOutcome = { stored: [], duplicates: 0, ids: [], rejections: [] };
      const counts = new Map<string, number>();
      events.forEach((e, index) => {
        const id = e.id ?? newEventId(now);
        outcome.ids.push(id);
        // Checked before sessionising so a replayed event cannot move a session's bounds.
        if (e.id !== undefined && this.exists.get(id) !== undefined) {
          outcome.duplicates++;
          for (const o of this.observers) o.duplicate?.(id);
          return;
        }
        const ts = e.ts ?? now;
        let sessionId = e.sessionId;
        if (sessionId !== undefined) {
          const owner = this.sessions.owner(sessionId);
          if (owner !== undefined && owner !== e.shopperId) {
            const rejection = { index, field: 'sessionId', reason: `session ${sessionId} belongs to shopper ${owner}, not ${e.shopperId}` };
            if (options.rejectWholeBatch) throw new SessionOwnerError(rejection);
            outcome.rejections.push(rejection);
            return;
          }
        }
        sessionId ??= this.sessions.assign(e.shopperId, ts);
        const event: Omit<StoredEvent, 'seq'> = {
          id,
          type: e.type,
          shopperId: e.shopperId,
          sessionId,
          itemId: e.itemId ?? null,
          query: e.query ?? null,
          price: e.price ?? null,
          quantity: e.quantity ?? null,
          ts,
          context: e.context ?? null,
          impressionId: e.impressionId ?? null,
          position: e.position ?? null,
        };
        const row = this.insert.get({ ...event, context: event.context === null ? null : JSON.stringify(event.context), receivedAt: now }) as { seq: number } | undefined;
        if (row === undefined) {
          outcome.duplicates++;
          for (const o of this.observers) o.duplicate?.(id);
          return;
        }
        this.sessions.record(sessionId, e.shopperId, ts);
        counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
        const stored = { ...event, seq: row.seq };
        for (const o of this.observers) o.stored(stored, now, options.history === true);
        outcome.stored.push(stored);
      });
      this.sessions.flush();
      for (const [type, n] of counts) this.bumpCount.run(type, n);
      return outcome;
    });
    let outcome: InsertOutcome;
    try {
      outcome = run();
    } catch (err) {
      // The cache may hold sessions from the rolled-back transaction.
      this.sessions.forget();
      for (const o of this.observers) o.settled(false);
      throw err;
    }
    for (const o of this.observers) o.settled(true);
    return outcome;
  }

  recent(req: RecentEventsRequest): StoredEvent[] {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: req.limit };
    if (req.shopperId !== undefined) {
      where.push('session_id IN (SELECT session_id FROM sessions WHERE shopper_id = @shopperId)');
      params.shopperId = req.shopperId;
    }
    if (req.sessionId !== undefined) {
      where.push('session_id = @sessionId');
      params.sessionId = req.sessionId;
    }
    if (req.beforeSeq !== undefined) {
      where.push('seq < @beforeSeq');
      params.beforeSeq = req.beforeSeq;
    }
    const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as EventRow[]).map(toStoredEvent);
  }

  /** Does an event with this id exist? (Used by durability checks and tests.) */
  has(id: string): boolean {
    return this.exists.get(id) !== undefined;
  }
}
