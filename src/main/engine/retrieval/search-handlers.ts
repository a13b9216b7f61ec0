import { actorOf } from '../loop/audit/actor';
import type { HandlerMap } from '../rpc/handler-map';
import type { SearchVocabulary } from './search-vocabulary';
import type { SynonymStore } from './synonym-store';

/** Type-ahead and the synonym sets (writes audited with the caller). */
export function searchHandlers(d: { vocabulary: SearchVocabulary; synonyms: SynonymStore }): HandlerMap {
  return {
    'search.suggest': (input) => ({ suggestions: d.vocabulary.suggest(input.query, input.k) }),
    'synonyms.list': () => d.synonyms.list(),
    'synonyms.set': (input, ctx) => d.synonyms.set(input.set, input.synonymId, { actor: actorOf(ctx) }),
    'synonyms.delete': (input, ctx) => d.synonyms.delete(input.synonymId, { actor: actorOf(ctx) }),
  };
}
