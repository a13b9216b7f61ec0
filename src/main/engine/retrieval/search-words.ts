/**
 * Words of a catalogue text or a query, cut as FTS5's unicode61 tokenizer (remove_diacritics 2)
 * cuts them: letters, digits and marks, lower-cased, diacritics folded. The term dictionary and
 * the query rewriter use it so their words are the index's words.
 */
import type { StoredItem } from '../../../shared/contract';

const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const MARKS = /\p{M}+/gu;

export function searchWords(text: string): string[] {
  const folded = text.normalize('NFD').replace(MARKS, '').normalize('NFC').toLowerCase();
  return folded.match(WORD) ?? [];
}

/** The words of an item that typo correction and type-ahead know: title, brand and category (attribute values are matched, not corrected). */
export function itemWords(item: Pick<StoredItem, 'title' | 'brand' | 'category'>): string[] {
  return searchWords(`${item.title} ${item.brand ?? ''} ${item.category ?? ''}`);
}
