import { throttle } from '../bus/throttle';
import { maxFutureSkewFromEnv } from '../ingest/future-skew';
import { IngestService } from '../ingest/ingest-service';
import { SearchVocabulary, SynonymStore } from '../retrieval';
import { QuerySuggestions } from '../retrieval/query-suggestions/query-suggestions';
import { correctedQuery } from '../retrieval/query-suggestions/typeahead';
import { LiveSessions } from '../sessions/live-sessions';
import type { EngineCore } from './engine-core';

/** Stored events and what follows them live: the stats topic, shoppers' sessions, the catalogue's words, synonyms and past queries. */
export interface LiveDataServices {
  readonly publishStats: ReturnType<typeof throttle>;
  readonly maxFutureSkewMs: number;
  readonly sessions: LiveSessions;
  readonly ingest: IngestService;
  readonly searchVocabulary: SearchVocabulary;
  readonly querySuggestions: QuerySuggestions;
  readonly synonyms: SynonymStore;
}

export function liveDataServices(core: EngineCore, searchVocabulary: SearchVocabulary): LiveDataServices {
  const { bus, events, stats, late, options } = core;
  // Stats are a few count queries: publish at most once a second however fast events arrive.
  const publishStats = throttle(() => {
    if (!late.closed()) bus.publish('stats.changed', stats.stats());
  }, 1000);
  const sessions = new LiveSessions((shopperId, limit) => events.recent({ limit, shopperId }));
  const maxFutureSkewMs = options.maxFutureSkewMs ?? maxFutureSkewFromEnv();
  const ingest = new IngestService(events, bus, publishStats, maxFutureSkewMs);
  bus.subscribe('events.ingested', (ingested) => {
    for (const e of ingested) {
      sessions.observe(e);
      // Before the index is first used there is nothing to update: its load replays the store.
      late.openRetrieval()?.observe(e);
    }
    // After this thread's own state, in the same turn: a list requested after the ack is sent after these.
    late.serving()?.observe(ingested);
  });
  const { items } = core;
  items.load(core.catalog.all());
  const vocabularyLoaded = searchVocabulary.loadInChunks([...items.values()].map((i) => i.itemId), (id) => items.get(id));
  const querySuggestions = new QuerySuggestions({ db: core.db, settings: options.querySuggestions, canonical: (q) => correctedQuery(searchVocabulary, q) });
  // After the catalogue's words are loaded: a misspelt past query is filed under its correction.
  querySuggestions.rebuildAfter(vocabularyLoaded);
  const synonyms = new SynonymStore(core.db, core.audit);
  searchVocabulary.setSynonyms(synonyms.sets());
  synonyms.onChange(() => searchVocabulary.setSynonyms(synonyms.sets()));
  return { publishStats, maxFutureSkewMs, sessions, ingest, searchVocabulary, querySuggestions, synonyms };
}
