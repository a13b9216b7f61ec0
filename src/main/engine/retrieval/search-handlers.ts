import { actorOf } from '../loop/audit/actor';
import type { HandlerMap } from '../rpc/handler-map';
import type { QuerySuggestions } from './query-suggestions/query-suggestions';
import { typeahead } from './query-suggestions/typeahead';
import type { SearchVocabulary } from './search-vocabulary';
import type { SynonymStore } from './synonym-store';

/** Type-ahead (past queries that returned clicks, then catalogue words) and the synonym sets (writes audited with the caller). */
export function searchHandlers(d: { vocabulary: SearchVocabulary; synonyms: SynonymStore; suggestions?: QuerySuggestions }): HandlerMap {
  return {
    'search.suggest': (input) => ({ suggestions: typeahead(d, input) }),
    'synonyms.list': () => d.synonyms.list(),
    'synonyms.set': (input, ctx) => d.synonyms.set(input.set, input.synonymId, { actor: actorOf(ctx) }),
    'synonyms.delete': (input, ctx) => d.synonyms.delete(input.synonymId, { actor: actorOf(ctx) }),
  };
}
