import { describe, expect, it } from 'vitest';
import { RecommendRequest, RuleInput, SearchRequest } from '../../../../src/shared/contract/recommendations';
import { rankCandidates, type RankingCandidate } from '../../../../src/main/engine/ranking';
import { ruleNote } from '../../../../src/main/engine/ranking/rules/describe-rule';
import { isRuleActive } from '../../../../src/main/engine/ranking/rules/rule-activity';
import { listSegments } from '../../../../src/main/engine/recommend/shopper-segments';
import type { RecentEvent } from '../../../../src/main/engine/sessions/live-sessions';
import { BEHAVIOUR_ONLY, candidate, NOW, rule } from './ranking-fixtures';

const FIVE: RankingCandidate[] = 'abcde'.split('').map((id, i) => candidate(id, 1 - i / 10));
const event = (type: string, sessionId: string): RecentEvent => ({ type, itemId: 'a', query: null, price: null, ts: NOW, sessionId });
const state = (events: RecentEvent[], current: string | null = events.at(-1)?.sessionId ?? null) => ({ events, intent: { currentSessionId: current } as never });

describe('segment rules', () => {
  it('a rule with a segment applies only to lists whose shopper is in it', () => {
    const pin = rule({ kind: 'pin', target: { type: 'item', itemId: 'e' }, position: 1, segment: 'vip' });
    expect(isRuleActive(pin, 'home', NOW, { query: null, category: null })).toBe(false);
    expect(isRuleActive(pin, 'home', NOW, { query: null, category: null, segments: new Set(['buyer']) })).toBe(false);
    expect(isRuleActive(pin, 'home', NOW, { query: null, category: null, segments: new Set(['buyer', 'vip']) })).toBe(true);
    const rank = (segments?: string[]) =>
      rankCandidates(FIVE, { weights: BEHAVIOUR_ONLY, rules: [pin], slot: 'home', now: NOW, k: 5, context: { query: null, category: null, ...(segments ? { segments: new Set(segments) } : {}) } }).items.map((i) => i.itemId);
    expect(rank(['vip'])[0]).toBe('e');
    expect(rank()[0]).toBe('a');
    // Without a segment a rule applies whatever the segments.
    expect(isRuleActive({ ...pin, segment: null }, 'home', NOW, { query: null, category: null, segments: new Set(['new']) })).toBe(true);
    expect(ruleNote({ ...pin, note: '' })).toBe('pin item e at position 1 for shoppers in vip');
  });

  it('the built-in segments come from the shopper’s events, and the request adds its own', () => {
    expect(listSegments(state([]), null)).toEqual(['new']);
    expect(listSegments(state([event('view', 's1'), event('view', 's1')]), null)).toEqual(['new']);
    expect(listSegments(state([event('view', 's1'), event('purchase', 's1'), event('view', 's2')]), null)).toEqual(['returning', 'buyer']);
    // The request's session decides which is the current one: a new session of a known shopper is a return.
    expect(listSegments(state([event('view', 's1')]), 's2')).toEqual(['returning']);
    expect(listSegments(state([]), null, ['vip', 'new', 'de'])).toEqual(['new', 'vip', 'de']);
  });

  it('segment names are validated in rules and requests, naming the field', () => {
    const pin = { kind: 'pin', target: { type: 'item', itemId: 'e' }, position: 1 } as const;
    expect(RuleInput.parse({ ...pin, segment: 'vip-gold_2' }).segment).toBe('vip-gold_2');
    expect(RuleInput.parse(pin).segment).toBeNull();
    for (const bad of ['VIP', '', 'a b', '-x', 'x'.repeat(41), 'vip;drop']) {
      const parsed = RuleInput.safeParse({ ...pin, segment: bad });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['segment']);
    }
    expect(RecommendRequest.safeParse({ shopperId: 'u1', segments: ['vip', 'de'] }).success).toBe(true);
    expect(RecommendRequest.safeParse({ shopperId: 'u1', segments: ['Vip'] }).error?.issues[0]?.path).toEqual(['segments', 0]);
    expect(SearchRequest.safeParse({ query: 'shoe', segments: Array.from({ length: 17 }, (_, i) => `s${i}`) }).success).toBe(false);
  });
});
