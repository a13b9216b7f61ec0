/**
 * Turns what a shopper typed into FTS5 MATCH expressions that cannot be a syntax error: the text
 * is cut into words the way FTS5's unicode61 tokenizer cuts it, and every word is quoted, so
 * `"`, `*`, `-`, `:`, `^`, `NEAR`, `AND`, `OR`, `NOT` and parentheses are only ever text.
 * The last word is a prefix match (as-you-type).
 */
export interface LexicalQuery {
  words: string[];
  /** Every word must match. */
  matchAll: string;
  /** Any word may match (the fallback when matching all finds too few). */
  matchAny: string;
}

/** Longer queries are cut: nobody types 16 words, and each word costs a posting-list scan. */
export const MAX_QUERY_WORDS = 16;
/** The shortest last word that is matched as a prefix (as-you-type). */
export const MIN_PREFIX = 3;
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

export function parseLexicalQuery(input: string): LexicalQuery | undefined {
  const words = (input.normalize('NFC').toLowerCase().match(WORD) ?? []).slice(0, MAX_QUERY_WORDS);
  // A single trailing letter matches a large slice of the catalogue as a prefix: drop it unless it is all there is.
  if (words.length > 1 && [...words.at(-1)!].length < 2) words.pop();
  if (words.length === 0) return undefined;
  // A prefix of one or two characters ("2", "xl") expands to thousands of terms: match it whole.
  const terms = words.map((w, i) => (i === words.length - 1 && [...w].length >= MIN_PREFIX ? `"${w}"*` : `"${w}"`));
  return { words, matchAll: terms.join(' '), matchAny: terms.join(' OR ') };
}
