/**
 * The catalogue's words with how many items hold each, for typo correction and type-ahead.
 *
 * Typo lookup is a deletion neighbourhood (SymSpell): every word is indexed under the strings left
 * after deleting up to 2 of its letters (1 below 6 letters). A typed word generates its own
 * deletions within its edit budget (editDistanceWithin/allowedEdits) and only the words that share
 * one are checked with the true distance, so a lookup never scans the vocabulary. Two strings
 * within d edits always share a string reachable by at most d deletions from each.
 *
 * Kept current item by item: `setItem` removes the words an item no longer has and adds the new
 * ones; a word no item holds any more leaves the dictionary.
 */
import { allowedEdits, editDistanceWithin } from './edit-distance';

export interface Correction {
  term: string;
  edits: number;
  /** Items holding the word. */
  items: number;
}

/** Words shorter than this are never corrected or completed from (too many neighbours). */
const MIN_CORRECTED = 4;
/** Words of only digits are model numbers and sizes: never corrected. */
const DIGITS = /^\p{N}+$/u;

export class TermDictionary {
  private readonly counts = new Map<string, number>();
  private readonly deletions = new Map<string, string[]>();
  private readonly itemTerms = new Map<string, readonly string[]>();
  /** The words in code-unit order for prefix completion; rebuilt on the first lookup after a change. */
  private sorted: string[] | null = null;

  get size(): number {
    return this.counts.size;
  }

  /** Sets an item's words (its title, brand and category words), replacing what it held before. */
  setItem(itemId: string, words: readonly string[]): void {
    const next = [...new Set(words)];
    const before = this.itemTerms.get(itemId);
    if (before) {
      const keep = new Set(next);
      for (const w of before) if (!keep.has(w)) this.decrement(w);
    }
    const had = new Set(before ?? []);
    for (const w of next) if (!had.has(w)) this.increment(w);
    this.itemTerms.set(itemId, next);
  }

  itemsWith(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  /** Catalogue words within the typed word's edit budget, fewest edits first, then most items. The word itself is not returned. */
  corrections(word: string, limit = 5): Correction[] {
    const max = allowedEdits(word);
    if (max === 0 || DIGITS.test(word)) return [];
    const candidates = new Set<string>();
    for (const d of deletionsOf(word, max)) for (const term of this.deletions.get(d) ?? []) candidates.add(term);
    const out: Correction[] = [];
    for (const term of candidates) {
      if (term === word) continue;
      const edits = editDistanceWithin(word, term, max);
      if (edits !== undefined) out.push({ term, edits, items: this.counts.get(term) ?? 0 });
    }
    out.sort((a, b) => a.edits - b.edits || b.items - a.items || (a.term < b.term ? -1 : 1));
    return out.slice(0, limit);
  }

  /** Words starting with `prefix`, most items first (type-ahead). */
  completions(prefix: string, limit = 8): { term: string; items: number }[] {
    if (prefix === '') return [];
    const sorted = this.sortedTerms();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const hits: { term: string; items: number }[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) hits.push({ term: sorted[i]!, items: this.counts.get(sorted[i]!) ?? 0 });
    hits.sort((a, b) => b.items - a.items || (a.term < b.term ? -1 : 1));
    return hits.slice(0, limit);
  }

  private increment(word: string): void {
    const n = this.counts.get(word);
    if (n !== undefined) {
      this.counts.set(word, n + 1);
      return;
    }
    this.counts.set(word, 1);
    this.sorted = null;
    if ([...word].length < MIN_CORRECTED - 1 || DIGITS.test(word)) return;
    for (const d of deletionsOf(word, indexedDeletions(word))) {
      const list = this.deletions.get(d);
      if (list) list.push(word);
      else this.deletions.set(d, [word]);
    }
  }

  private decrement(word: string): void {
    const n = this.counts.get(word) ?? 0;
    if (n > 1) {
      this.counts.set(word, n - 1);
      return;
    }
    this.counts.delete(word);
    this.sorted = null;
    for (const d of deletionsOf(word, indexedDeletions(word))) {
      const list = this.deletions.get(d);
      if (!list) continue;
      const i = list.indexOf(word);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.deletions.delete(d);
    }
  }

  private sortedTerms(): string[] {
    this.sorted ??= [...this.counts.keys()].sort();
    return this.sorted;
  }
}

/**
 * Deletions indexed for a catalogue word: a typed word of 8+ letters (2 edits) can only reach words
 * of 6+ letters, and one of 4–7 letters (1 edit) words of 3–8.
 */
function indexedDeletions(word: string): number {
  return [...word].length >= 6 ? 2 : 1;
}

/** The word and every string left after deleting up to `max` of its letters. */
export function deletionsOf(word: string, max: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      const letters = [...w];
      for (let i = 0; i < letters.length; i++) {
        const shorter = letters.slice(0, i).join('') + letters.slice(i + 1).join('');
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}
