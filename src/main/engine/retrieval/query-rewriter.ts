/**
 * What a typed query means to the catalogue: synonyms (one-way and two-way, phrases allowed) and,
 * for words the catalogue does not hold, typo corrections from the term dictionary.
 */
import { searchWords } from './search-words';
import type { LexicalPlan, QueryGroup } from './query-plan';
import type { TermDictionary } from './term-dictionary';
import { MAX_QUERY_WORDS, MIN_PREFIX } from './lexical-query';

export interface SynonymSet {
  /** two-way: every term stands for every other; one-way: `from` stands for `to` (not back). */
  kind: 'two-way' | 'one-way';
  terms: readonly string[];
  /** one-way only: the phrase that triggers. */
  from?: string;
}

/** Phrase (words joined by one space) -> the phrases it also means. */
export type SynonymTable = ReadonlyMap<string, readonly string[]>;

export function synonymTable(sets: readonly SynonymSet[]): Map<string, string[]> {
  const table = new Map<string, Set<string>>();
  const add = (from: string, to: string): void => {
    if (from === to || from === '' || to === '') return;
    let set = table.get(from);
    if (!set) table.set(from, (set = new Set()));
    set.add(to);
  };
  const norm = (t: string): string => searchWords(t).join(' ');
  for (const s of sets) {
    const terms = s.terms.map(norm);
    if (s.kind === 'two-way') for (const a of terms) for (const b of terms) add(a, b);
    else if (s.from !== undefined) for (const b of terms) add(norm(s.from), b);
  }
  return new Map([...table].map(([k, v]) => [k, [...v]]));
}

/** Longest synonym phrase looked for in a query. */
const MAX_PHRASE = 4;
/** Corrections kept per typed word. */
const MAX_CORRECTIONS = 3;
/**
 * A word the catalogue holds is still corrected towards words held by this many times more items:
 * one misspelt listing ("runing") must not hide every running shoe.
 */
export const RARE_WORD_RATIO = 5;

export function rewriteQuery(query: string, dictionary: TermDictionary | undefined, synonyms: SynonymTable): LexicalPlan {
  const words = searchWords(query).slice(0, MAX_QUERY_WORDS);
  // A single trailing letter matches a large slice of the catalogue as a prefix: drop it unless it is all there is.
  if (words.length > 1 && [...words.at(-1)!].length < 2) words.pop();
  const groups: QueryGroup[] = [];
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_PHRASE, words.length - i); n >= 1 && matched === 0; n--) {
      if (synonyms.has(words.slice(i, i + n).join(' '))) matched = n;
    }
    const span = words.slice(i, i + Math.max(1, matched));
    const isLast = i + span.length === words.length;
    const group: QueryGroup = { typed: span, synonyms: [], corrections: [], prefix: isLast };
    if (matched > 0) group.synonyms = synonyms.get(span.join(' '))!.map((p) => p.split(' '));
    else if (dictionary) {
      group.corrections = correctionsFor(span[0]!, isLast, dictionary);
      if (group.corrections.length > 0 && dictionary.itemsWith(span[0]!) > 0) group.known = true;
    }
    groups.push(group);
    i += span.length;
  }
  return { groups };
}

function correctionsFor(word: string, isLast: boolean, dictionary: TermDictionary): string[] {
  const held = dictionary.itemsWith(word);
  if (held > 0) return dictionary.corrections(word, MAX_CORRECTIONS).filter((c) => c.items >= held * RARE_WORD_RATIO).map((c) => c.term);
  // The word being typed: a prefix of catalogue words is not a typo.
  if (isLast && [...word].length >= MIN_PREFIX && dictionary.completions(word, 1).length > 0) return [];
  return dictionary.corrections(word, MAX_CORRECTIONS).map((c) => c.term);
}
