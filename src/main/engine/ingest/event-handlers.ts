import type { HandlerMap } from '../rpc/handler-map';
import type { EventRepository, StatsRepository } from '../store';
import type { IngestService } from './ingest-service';

export function eventHandlers(ingest: IngestService, events: EventRepository, stats: StatsRepository): HandlerMap {
  return {
    'events.ingest': (input) => ingest.ingest(input.events),
    'events.recent': (input) => events.recent(input),
    'sessions.list': (input) => stats.sessions(input),
    'stats.get': () => stats.stats(),
  };
}
