/**
 * What the engine's thread knows about search words: the catalogue's term dictionary (kept
 * current by catalogue upserts) and the synonym table (kept current by synonym writes). It turns a
 * typed query into a LexicalPlan and answers type-ahead.
 */
import type { StoredItem } from '../../../shared/contract';
import { rewriteQuery, synonymTable, type SynonymSet } from './query-rewriter';
import type { LexicalPlan } from './query-plan';
import { itemWords, searchWords } from './search-words';
import { TermDictionary } from './term-dictionary';
import { nextTurn } from '../workers/time-slices';

export class SearchVocabulary {
  readonly dictionary = new TermDictionary();
  private synonyms = new Map<string, string[]>();

  /** Items added or changed (the catalogue's upsert listener). */
  upsertItems(items: Iterable<Pick<StoredItem, 'itemId' | 'title' | 'brand' | 'category'>>): void {
    for (const item of items) this.dictionary.setItem(item.itemId, itemWords(item));
  }

  /**
   * The whole catalogue at start-up, a chunk per turn of the event loop (100k items take ~0.6 s in
   * all). Each item is read when its turn comes, so an upsert meanwhile is never overwritten by an
   * older copy; searches before it finishes correct against the words loaded so far.
   */
  async loadInChunks(itemIds: readonly string[], get: (itemId: string) => Pick<StoredItem, 'itemId' | 'title' | 'brand' | 'category'> | undefined, chunk = 2000): Promise<void> {
    for (let i = 0; i < itemIds.length; i += chunk) {
      this.upsertItems(itemIds.slice(i, i + chunk).flatMap((id) => get(id) ?? []));
      if (i + chunk < itemIds.length) await nextTurn();
    }
  }

  setSynonyms(sets: readonly SynonymSet[]): void {
    this.synonyms = synonymTable(sets);
  }

  /** `typos: false`: no corrections (the words as typed, synonyms still apply). */
  rewrite(query: string, opts: { typos?: boolean } = {}): LexicalPlan {
    return rewriteQuery(query, opts.typos === false ? undefined : this.dictionary, this.synonyms);
  }

  /** Type-ahead: the query with its last word completed from the catalogue's words, most items first. */
  suggest(query: string, k: number): { text: string; items: number }[] {
    const words = searchWords(query);
    const last = words.pop();
    if (last === undefined) return [];
    const head = words.length > 0 ? `${words.join(' ')} ` : '';
    return this.dictionary.completions(last, k).map((c) => ({ text: `${head}${c.term}`, items: c.items }));
  }
}
