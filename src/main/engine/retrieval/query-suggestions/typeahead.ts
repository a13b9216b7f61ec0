/**
 * The type-ahead answer: past queries that returned clicks first (QuerySuggestions), then
 * completions of the last word from the catalogue's words (SearchVocabulary), without repeats.
 */
import type { SearchVocabulary } from '../search-vocabulary';
import type { QuerySuggestions } from './query-suggestions';
import { normaliseSuggestion } from './suggestion-index';

export interface TypeaheadSuggestion {
  text: string;
  /** `query`: a past query whose results were clicked; `term`: the last word completed from the catalogue. */
  kind: 'query' | 'term';
  /** Clicks on the past query's results (0 for a term completion). */
  clicks: number;
  /** Catalogue items holding the completed word (term completions only). */
  items?: number;
}

export function typeahead(d: { vocabulary: SearchVocabulary; suggestions?: QuerySuggestions | undefined }, input: { query: string; k: number; shopperId?: string | undefined }): TypeaheadSuggestion[] {
  const past: TypeaheadSuggestion[] = (d.suggestions?.suggest(input.query, input.k, input.shopperId) ?? []).map((p) => ({ text: p.text, kind: 'query', clicks: p.clicks }));
  if (past.length >= input.k) return past;
  const seen = new Set(past.map((p) => p.text));
  const terms: TypeaheadSuggestion[] = [];
  for (const c of d.vocabulary.suggest(input.query, input.k)) {
    const text = normaliseSuggestion(c.text);
    if (seen.has(text)) continue;
    seen.add(text);
    terms.push({ text: c.text, kind: 'term', clicks: 0, items: c.items });
  }
  return [...past, ...terms].slice(0, input.k);
}

/**
 * The index key of a query the engine's rewriting would correct: each word the catalogue does not
 * hold replaced by its first correction (the one a search uses first); otherwise the query as is.
 */
export function correctedQuery(vocabulary: SearchVocabulary, normalised: string): string {
  const plan = vocabulary.rewrite(normalised);
  let corrected = false;
  const words = plan.groups.map((g) => {
    if (g.corrections.length > 0 && g.typed.length === 1 && g.known !== true) {
      corrected = true;
      return g.corrections[0]!;
    }
    return g.typed.join(' ');
  });
  return corrected ? words.join(' ') : normalised;
}
