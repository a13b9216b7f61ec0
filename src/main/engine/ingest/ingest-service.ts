import type { EventInput, IngestResult } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract';
import type { TopicBus } from '../bus/topic-bus';
import { SessionOwnerError, type EventRepository, type InsertOutcome } from '../store';

/**
 * The write path: store the (already validated) events in one transaction, then tell subscribers.
 * The reply is sent only after the commit, so an acknowledged event is in the store.
 */
export class IngestService {
  constructor(
    private readonly events: EventRepository,
    private readonly bus: TopicBus,
    private readonly onChange: () => void,
  ) {}

  ingest(events: readonly EventInput[]): IngestResult {
    let outcome: InsertOutcome;
    try {
      outcome = this.events.insertEvents(events, { rejectWholeBatch: true });
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
