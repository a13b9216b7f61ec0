import type { EventInput, IngestResult } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract';
import type { TopicBus } from '../bus/topic-bus';
import { SessionOwnerError, type EventRepository, type InsertOutcome } from '../store';
import { DEFAULT_MAX_FUTURE_SKEW_MS, futureSkewProblem } from './future-skew';

/**
 * The write path: store the (already validated) events in one transaction, then tell subscribers.
 * The reply is sent only after the commit, so an acknowledged event is in the store.
 */
export class IngestService {
  constructor(
    private readonly events: EventRepository,
    private readonly bus: TopicBus,
    private readonly onChange: () => void,
    private readonly maxFutureSkewMs = DEFAULT_MAX_FUTURE_SKEW_MS,
  ) {}

  /**
   * Acknowledges every event of the batch by id, in order: the client's own, or the one generated
   * for it (a retry is idempotent only with ids, so a client that sent none should resend these).
   */
  ingest(events: readonly EventInput[]): IngestResult {
    const now = Date.now();
    events.forEach((e, index) => {
      const problem = e.ts === undefined ? undefined : futureSkewProblem(e.ts, now, this.maxFutureSkewMs);
      if (problem) throw new ContractError('bad_request', `events.${index}.ts: ${problem}`, [{ path: `events.${index}.ts`, message: problem }]);
    });
    let outcome: InsertOutcome;
    try {
      outcome = this.events.insertEvents(events, { rejectWholeBatch: true, now });
    } catch (err) {
      if (err instanceof SessionOwnerError) {
        const path = `events.${err.rejection.index}.${err.rejection.field}`;
        throw new ContractError('conflict', `${path}: ${err.rejection.reason}`, [{ path, message: err.rejection.reason }]);
      }
      throw err;
    }
    this.announce(outcome);
    return { stored: outcome.stored.length, duplicates: outcome.duplicates, ids: outcome.ids };
  }

  /** Importers store through the repository themselves (row-level rejections) and announce here. */
  announce(outcome: InsertOutcome): void {
    if (outcome.stored.length === 0) return;
    this.bus.publish('events.ingested', outcome.stored);
    this.onChange();
  }
}
