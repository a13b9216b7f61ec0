import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src/shared/contract';
import { CARD_BURY_STRENGTH, cardNote, cardRule, cardScope } from '../../src/renderer/src/stores/cardRules';
import { createSearchStore } from '../../src/renderer/src/stores/searchStore';
import { CHANNELS, MAX_QUERY_CHARS, MAX_RULE_NOTE_CHARS, RuleInput, SearchRequest, type RankedItem, type Rule, type RulePreviewResult, type SearchResult } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

const zero = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as RankedItem['contributions'];
const item = (over: Partial<RankedItem> = {}): RankedItem => ({ itemId: 'p3', title: 'Trail shoe', brand: 'Stride', position: 3, score: 1, propensity: 1, contributions: zero, rules: [], sources: ['lexical'], ...over });
const result = (items: RankedItem[]): SearchResult => ({ impressionId: 'i', experiment: null, policy: 'weights', explored: false, slot: 'search', shopperId: null, sessionId: null, coldStart: true, weightsVersion: 1, modelVersion: 'm', purchaseIntent: 0, items, tookMs: 1 });
const stored = (input: Record<string, unknown>): Rule => ({ ruleId: 'r-9', strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: true, note: '', createdAt: 1, updatedAt: 1, ...(input as Pick<Rule, 'kind' | 'target'>) });
const effect: RulePreviewResult = { slot: 'search', query: 'trail shoes', category: null, ruleIds: ['r-9'], before: [], after: [], moves: [] };
const query = { type: 'query', query: 'trail shoes' } as const;
const exact = { match: 'exact', text: 'trail shoes' };

describe('card rules: which rule each card action creates', () => {
  it('pin, bury, bury brand and hide are exact-match query rules on this item or its brand, each valid for the contract', () => {
    const rules = {
      pin: cardRule({ kind: 'pin', position: 1 }, item(), query),
      bury: cardRule({ kind: 'buryItem' }, item(), query),
      buryBrand: cardRule({ kind: 'buryBrand' }, item(), query),
      hide: cardRule({ kind: 'hide' }, item(), query),
    };
    expect(rules.pin).toMatchObject({ kind: 'pin', target: { type: 'item', itemId: 'p3' }, position: 1, query: exact, category: null, slot: 'search' });
    expect(rules.bury).toMatchObject({ kind: 'bury', target: { type: 'item', itemId: 'p3' }, strength: CARD_BURY_STRENGTH, query: exact });
    expect(rules.buryBrand).toMatchObject({ kind: 'bury', target: { type: 'brand', brand: 'Stride' }, strength: CARD_BURY_STRENGTH, query: exact });
    expect(rules.hide).toMatchObject({ kind: 'filter', target: { type: 'item', itemId: 'p3' }, query: exact });
    for (const r of Object.values(rules)) expect(RuleInput.safeParse(r).success).toBe(true);
  });

  it('browsing one category scopes the rule to that category instead of the query; no brand, no brand bury', () => {
    expect(cardScope(' trail shoes ', {})).toEqual(query);
    expect(cardScope('trail shoes', { categories: ['Shoes > Trail', 'Shoes > Road'] })).toEqual(query);
    const scope = cardScope('trail shoes', { categories: ['Shoes > Trail'] });
    expect(scope).toEqual({ type: 'category', category: 'Shoes > Trail' });
    expect(cardRule({ kind: 'pin', position: 2 }, item(), scope)).toMatchObject({ kind: 'pin', position: 2, query: null, category: 'Shoes > Trail', slot: '*' });
    expect(cardRule({ kind: 'buryBrand' }, item({ brand: undefined }), query)).toBeNull();
  });
});

describe('card rules: long queries and category paths', () => {
  const actions = [{ kind: 'pin', position: 3 }, { kind: 'buryItem' }, { kind: 'buryBrand' }, { kind: 'hide' }] as const;

  it('makes a valid rule from any query a search accepts, the longest included', () => {
    const longest = cardScope(` ${'trail running shoe '.repeat(20).slice(0, MAX_QUERY_CHARS)} `, {});
    expect(SearchRequest.safeParse({ query: longest.type === 'query' ? longest.query : '', shopperId: 'u1' }).success).toBe(true);
    for (const action of actions) {
      const r = cardRule(action, item(), longest);
      expect(r?.query?.text).toHaveLength(MAX_QUERY_CHARS);
      expect(RuleInput.safeParse(r).error?.issues ?? []).toEqual([]);
    }
  });

  it('cuts the note of a long category path to the note’s limit, with an ellipsis and no half character', () => {
    const path = Array.from({ length: 60 }, (_, i) => `Level ${i}`).join(' > ').slice(0, 500);
    for (const action of actions) {
      const r = cardRule(action, item(), { type: 'category', category: path });
      expect(r?.note?.length).toBeLessThanOrEqual(MAX_RULE_NOTE_CHARS);
      expect(r?.note).toMatch(/ \(Level 0 > Level 1 > .*…\)$/);
      expect(r?.category).toBe(path);
      expect(RuleInput.safeParse(r).error?.issues ?? []).toEqual([]);
    }
    // A short one is left whole; a cut never splits an emoji's surrogate pair.
    expect(cardNote('Hidden from the Search page', 'Shoes')).toBe('Hidden from the Search page (Shoes)');
    const emoji = cardNote('Hidden', '😀'.repeat(300));
    expect(emoji.length).toBeLessThanOrEqual(MAX_RULE_NOTE_CHARS);
    expect(emoji).toMatch(/^Hidden \((?:😀)+…\)$/u);
  });
});

describe('search store: creating a card rule', () => {
  it('sends the rule with the reason, searches again and loads the before/after of that rule alone', async () => {
    const { client, transport } = fakeClient({ search: () => result([item()]), 'rules.create': (input) => stored(input as Record<string, unknown>), 'rules.preview': () => effect });
    const store = createSearchStore(client);
    store.getState().setQuery('trail shoes');
    await store.getState().run();
    const rule = cardRule({ kind: 'pin', position: 1 }, item(), store.getState().scope())!;
    expect(await store.getState().createRule(rule, { reason: 'campaign' })).toBe(true);
    const create = transport.calls.find((c) => c.method === 'rules.create');
    expect(create?.input).toMatchObject({ kind: 'pin', target: { type: 'item', itemId: 'p3' }, position: 1, query: exact, confirm: { reason: 'campaign' } });
    expect(transport.calls.filter((c) => c.method === 'search')).toHaveLength(2);
    expect(transport.calls.find((c) => c.method === 'rules.preview')?.input).toEqual({ slot: 'search', query: 'trail shoes', k: 24, ruleIds: ['r-9'] });
    expect(store.getState().lastRule?.ruleId).toBe('r-9');
    expect(store.getState().effect).toEqual(effect);
  });

  it('throws a refusal for want of a reason back to the risk dialog, and shows any other refusal', async () => {
    let mode: 'reason' | 'bad' = 'reason';
    const { client, transport } = fakeClient({
      search: () => result([item()]),
      'rules.create': () => {
        throw mode === 'reason' ? new ContractError('confirmation_required', 'worse than serving: give a reason') : new ContractError('bad_request', 'rule: target.brand: unknown brand');
      },
    });
    const store = createSearchStore(client);
    store.getState().setQuery('trail shoes');
    await store.getState().run();
    const rule = cardRule({ kind: 'buryBrand' }, item(), store.getState().scope())!;
    await expect(store.getState().createRule(rule)).rejects.toMatchObject({ code: 'confirmation_required' });
    expect(store.getState().creatingRule).toBe(false);
    mode = 'bad';
    expect(await store.getState().createRule(rule)).toBe(false);
    expect(store.getState().ruleError).toMatch(/unknown brand/);
    expect(transport.calls.filter((c) => c.method === 'rules.preview')).toHaveLength(0);
  });

  it('a category-scoped before/after asks for that category', async () => {
    const { client, transport } = fakeClient({ search: () => result([item()]), 'rules.preview': () => effect });
    const store = createSearchStore(client);
    store.getState().setQuery('shoes');
    store.getState().toggleFacet('categories', 'Shoes > Trail');
    await store.getState().run();
    await store.getState().loadEffect();
    expect(transport.calls.at(-1)).toEqual({ method: 'rules.preview', input: { slot: 'search', query: 'shoes', k: 24, category: 'Shoes > Trail' } });
  });
});
