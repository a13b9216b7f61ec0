import type { QueryCondition } from '../../../../shared/contract/recommendations';

/** Lower case, trimmed, runs of white space as one space: how queries and conditions are compared. */
export function normaliseQuery(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Does `pattern` (only `*` is special: any run of characters, possibly none) match all of `text`?
 * Greedy two-pointer matching with one backtrack point: O(|text| x |pattern|) at worst, never
 * exponential, and no RegExp is built from merchandiser input (no ReDoS). The contract bounds both
 * sides by MAX_QUERY_CHARS, so one rule costs at most 256 x 256 steps per search, once per request.
 */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Does a search query satisfy the condition? Both sides are normalised first. */
export function queryMatches(condition: QueryCondition, query: string): boolean {
  const q = normaliseQuery(query);
  const c = normaliseQuery(condition.text);
  switch (condition.match) {
    case 'exact':
      return q === c;
    case 'contains':
      return q.includes(c);
    case 'pattern':
      return globMatches(c, q);
  }
}
