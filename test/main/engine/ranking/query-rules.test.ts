import { describe, expect, it } from 'vitest';
import type { RankedItem, Rule } from '../../../../src/shared/contract/recommendations';
import { MAX_QUERY_CHARS, QueryCondition, SearchRequest } from '../../../../src/shared/contract/recommendations';
import { rankCandidates, type RankingCandidate, type RankOptions } from '../../../../src/main/engine/ranking';
import { globMatches, queryMatches } from '../../../../src/main/engine/ranking/rules/query-condition';
import { isRuleActive } from '../../../../src/main/engine/ranking/rules/rule-activity';
import { redirectOf } from '../../../../src/main/engine/ranking/rules/redirect-of';
import { BEHAVIOUR_ONLY, candidate, NOW, rule } from './ranking-fixtures';

/** Ten candidates a..j scored 1.0, 0.9, ... 0.1; even ones by Even, odd ones by Odd; a..e Running, f..j Trail; c is on sale. */
const TEN: RankingCandidate[] = 'abcdefghij'.split('').map((id, i) =>
  candidate(id, 1 - i / 10, { brand: i % 2 ? 'Odd' : 'Even', category: i < 5 ? 'Shoes > Running' : 'Shoes > Trail', attributes: { sale: id === 'c' } }),
);
const ids = (items: readonly RankedItem[]): string[] => items.map((i) => i.itemId);
const search = (query: string, rules: Rule[], extra: Partial<RankOptions> = {}): RankedItem[] =>
  rankCandidates(TEN, { weights: BEHAVIOUR_ONLY, rules, slot: 'search', now: NOW, k: 10, context: { query, category: null }, ...extra }).items;
const shoes = { match: 'contains', text: 'shoe' } as const;

describe('query rules', () => {
  it('match kinds: exact, contains and pattern compare normalised text', () => {
    expect(queryMatches({ match: 'exact', text: 'Running Shoes' }, '  running   shoes ')).toBe(true);
    expect(queryMatches({ match: 'exact', text: 'running shoes' }, 'running shoes sale')).toBe(false);
    expect(queryMatches({ match: 'contains', text: 'shoe' }, 'Trail SHOES')).toBe(true);
    expect(queryMatches({ match: 'contains', text: 'boot' }, 'trail shoes')).toBe(false);
    expect(queryMatches({ match: 'pattern', text: 'run* shoe*' }, 'running shoes')).toBe(true);
    expect(queryMatches({ match: 'pattern', text: 'run* shoe*' }, 'trail running shoes')).toBe(false);
    expect(queryMatches({ match: 'pattern', text: '*shoe' }, 'shoe')).toBe(true);
    // No other character is special: a dot or bracket is literal, not a regular expression.
    expect(queryMatches({ match: 'pattern', text: 'a.c' }, 'abc')).toBe(false);
    expect(queryMatches({ match: 'pattern', text: '[x]*' }, '[x] socks')).toBe(true);
  });

  it('a pattern cannot blow up: the ReDoS shape answers at once, and wildcards are bounded by the contract', () => {
    const started = performance.now();
    expect(globMatches('*a*a*a*a*a*a*a*b', 'a'.repeat(256))).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
    expect(QueryCondition.safeParse({ match: 'pattern', text: '*'.repeat(9) }).success).toBe(false);
    expect(QueryCondition.safeParse({ match: 'pattern', text: 'a'.repeat(MAX_QUERY_CHARS + 1) }).success).toBe(false);
    expect(QueryCondition.safeParse({ match: 'pattern', text: 'run*' }).success).toBe(true);
  });

  it('a query condition is as long as a search query can be, and the longest pattern is matched right', () => {
    // Any search can become a rule (the Search page's pin, bury and hide copy its query).
    const longest = 'q'.repeat(MAX_QUERY_CHARS);
    expect(SearchRequest.safeParse({ query: longest, shopperId: 'u1' }).success).toBe(true);
    expect(QueryCondition.safeParse({ match: 'exact', text: longest }).success).toBe(true);
    expect(QueryCondition.safeParse({ match: 'exact', text: `${longest}q` }).success).toBe(false);
    expect(SearchRequest.safeParse({ query: `${longest}q`, shopperId: 'u1' }).success).toBe(false);
    // The worst case of the bound: a full-length pattern that fails only at its last character, at every start.
    const pattern = `*${'a'.repeat(MAX_QUERY_CHARS - 9)}*******b`;
    expect(QueryCondition.safeParse({ match: 'pattern', text: pattern }).success).toBe(true);
    expect(globMatches(pattern, 'a'.repeat(MAX_QUERY_CHARS))).toBe(false);
    expect(globMatches(pattern, `${'a'.repeat(MAX_QUERY_CHARS - 1)}b`)).toBe(true);
    expect(queryMatches({ match: 'exact', text: longest }, longest.toUpperCase())).toBe(true);
  });

  it('a query rule fires only on a matching search, never on a recommendation', () => {
    const bury = rule({ kind: 'bury', target: { type: 'item', itemId: 'a' }, strength: 1, query: shoes });
    expect(ids(search('trail shoes', [bury])).indexOf('a')).toBeGreaterThan(7);
    expect(ids(search('socks', [bury]))[0]).toBe('a');
    const home = rankCandidates(TEN, { weights: BEHAVIOUR_ONLY, rules: [bury], slot: 'home', now: NOW, k: 10 }).items;
    expect(ids(home)[0]).toBe('a');
    expect(isRuleActive(bury, 'search', NOW, { query: null, category: null })).toBe(false);
  });

  it('pins an item at a position for the query', () => {
    const pin = rule({ kind: 'pin', target: { type: 'item', itemId: 'h' }, position: 1, query: { match: 'exact', text: 'trail shoes' } });
    const out = search('Trail shoes', [pin]);
    expect(out[0]?.itemId).toBe('h');
    expect(out[0]?.rules.map((r) => r.ruleId)).toEqual([pin.ruleId]);
    expect(search('road shoes', [pin])[0]?.itemId).toBe('a');
  });

  it('boosts and buries brands, categories and attributes for the query', () => {
    const boostBrand = rule({ kind: 'boost', target: { type: 'brand', brand: 'odd' }, strength: 1, query: shoes });
    expect(search('shoes', [boostBrand]).slice(0, 4).map((i) => i.brand)).toEqual(['Odd', 'Odd', 'Odd', 'Odd']);
    const buryCategory = rule({ kind: 'bury', target: { type: 'category', category: 'Shoes > Running' }, strength: 1, query: shoes });
    expect(ids(search('shoes', [buryCategory]).slice(0, 4))).toEqual(['f', 'g', 'h', 'i']);
    const boostSale = rule({ kind: 'boost', target: { type: 'attribute', name: 'sale', value: true }, strength: 1, query: shoes });
    expect(search('shoes', [boostSale])[0]?.itemId).toBe('c');
  });

  it('hides items and adds filters for the query', () => {
    const hide = rule({ kind: 'filter', target: { type: 'item', itemId: 'b' }, query: shoes });
    const hidden = rankCandidates(TEN, { weights: BEHAVIOUR_ONLY, rules: [hide], slot: 'search', now: NOW, k: 10, context: { query: 'shoes', category: null } });
    expect(ids(hidden.items)).not.toContain('b');
    expect(hidden.removed.map((r) => r.itemId)).toEqual(['b']);
    const onlyRunning = rule({ kind: 'filter', target: { type: 'category', category: 'Shoes > Trail' }, query: shoes });
    expect(ids(search('shoes', [onlyRunning]))).toEqual(['a', 'b', 'c', 'd', 'e']);
    const nothing = rule({ kind: 'filter', target: { type: 'all' }, query: { match: 'exact', text: 'banned' } });
    expect(search('banned', [nothing])).toEqual([]);
    expect(search('shoes', [nothing])).toHaveLength(10);
  });

  it('redirects a matching search to a URL: the newest matching redirect wins, a non-matching one is inactive', () => {
    const older = rule({ kind: 'redirect', target: { type: 'all' }, url: 'https://shop.example/returns', query: { match: 'contains', text: 'return' }, updatedAt: NOW - 10 });
    const newer = rule({ kind: 'redirect', target: { type: 'all' }, url: 'https://shop.example/help/returns', query: { match: 'pattern', text: 'return*' }, updatedAt: NOW });
    const active = (q: string): Rule[] => [older, newer].filter((r) => isRuleActive(r, 'search', NOW, { query: q, category: null }));
    expect(redirectOf(active('returns policy'))).toBe('https://shop.example/help/returns');
    expect(redirectOf(active('how to return'))).toBe('https://shop.example/returns');
    expect(redirectOf(active('shoes'))).toBeUndefined();
    // A redirect does not change the list itself.
    expect(ids(search('returns', [older, newer]))).toEqual(ids(search('returns', [])));
  });

  it('scopes a rule to a category page or a search within a category (and below it)', () => {
    const pin = rule({ kind: 'pin', target: { type: 'item', itemId: 'j' }, position: 1, slot: '*', category: 'Shoes' });
    const onPage = (category: string | null): string | undefined =>
      rankCandidates(TEN, { weights: BEHAVIOUR_ONLY, rules: [pin], slot: 'category', now: NOW, k: 10, context: { query: null, category } }).items[0]?.itemId;
    expect(onPage('Shoes > Trail')).toBe('j');
    expect(onPage('shoes')).toBe('j');
    expect(onPage('Shoebox')).toBe('a');
    expect(onPage(null)).toBe('a');
    const both = rule({ kind: 'boost', target: { type: 'item', itemId: 'i' }, strength: 1, query: shoes, category: 'Shoes > Trail' });
    expect(search('shoes', [both], { context: { query: 'shoes', category: 'Shoes > Trail' } })[0]?.itemId).toBe('i');
    expect(search('shoes', [both], { context: { query: 'shoes', category: 'Shoes > Running' } })[0]?.itemId).toBe('a');
  });
});
