import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../src/shared/contract/recommendations';
import { RulePreviewResult } from '../../../../src/shared/contract/rule-preview';
import { rankCandidates, type RankingCandidate } from '../../../../src/main/engine/ranking';
import { beforeAfter } from '../../../../src/main/engine/ranking/rules/before-after';
import { BEHAVIOUR_ONLY, candidate, NOW, rule } from './ranking-fixtures';

/** Ten candidates a..j scored 1.0, 0.9, ... 0.1; even ones by Even, odd ones (b, d, f, h, j) by Odd. */
const TEN: RankingCandidate[] = 'abcdefghij'.split('').map((id, i) => candidate(id, 1 - i / 10, { brand: i % 2 ? 'Odd' : 'Even', category: 'Shoes' }));
const query = 'shoes';
const exact = { match: 'exact', text: query } as const;

/** The search ranked without `previewed` and with them (and `others`, which serve either way), deeper than k as the service does. */
function preview(previewed: Rule[], others: Rule[] = [], k = 10) {
  const rank = (rules: Rule[]) => rankCandidates(TEN, { weights: BEHAVIOUR_ONLY, rules, slot: 'search', now: NOW, k: k * 2, context: { query, category: null } });
  const result = beforeAfter(rank(others), rank([...others, ...previewed]), previewed, k, { slot: 'search', query, category: null });
  expect(RulePreviewResult.safeParse(result).success).toBe(true);
  return result;
}
const move = (r: ReturnType<typeof preview>, itemId: string) => r.moves.find((m) => m.itemId === itemId)!;

describe('rule preview: before and after', () => {
  it('a bury on a brand moves exactly that brand down, and marks only its items as buried', () => {
    const bury = rule({ kind: 'bury', target: { type: 'brand', brand: 'Odd' }, strength: 1, query: exact });
    const r = preview([bury]);
    expect(r.ruleIds).toEqual([bury.ruleId]);
    expect(r.before.map((i) => i.itemId)).toEqual('abcdefghij'.split(''));
    expect(r.after.map((i) => i.itemId)).toEqual(['a', 'c', 'e', 'g', 'i', 'b', 'd', 'f', 'h', 'j']);
    for (const id of ['b', 'd', 'f', 'h']) {
      const m = move(r, id);
      expect(m.move).toBe('down');
      expect(m.after!).toBeGreaterThan(m.before!);
      expect(m.rules).toEqual([{ ruleId: bury.ruleId, action: 'buried' }]);
    }
    // j was last and stays last, but the bury acted on it too.
    expect(move(r, 'j')).toMatchObject({ before: 10, after: 10, move: 'same', rules: [{ ruleId: bury.ruleId, action: 'buried' }] });
    for (const id of ['c', 'e', 'g', 'i']) {
      expect(move(r, id).move).toBe('up');
      expect(move(r, id).rules).toEqual([]);
    }
    expect(move(r, 'a')).toMatchObject({ before: 1, after: 1, move: 'same', rules: [] });
  });

  it('a filter on a brand removes its items with the reason; a hide removes one item with the rule that hid it', () => {
    const filter = rule({ kind: 'filter', target: { type: 'brand', brand: 'Even' }, query: exact });
    const hide = rule({ kind: 'filter', target: { type: 'item', itemId: 'b' }, query: exact });
    const r = preview([filter, hide]);
    expect(r.after.map((i) => i.itemId)).toEqual(['d', 'f', 'h', 'j']);
    for (const id of ['a', 'c', 'e', 'g', 'i']) expect(move(r, id)).toMatchObject({ after: null, move: 'removed', removedBy: filter.ruleId, rules: [{ ruleId: filter.ruleId, action: 'filtered' }] });
    expect(move(r, 'b')).toMatchObject({ before: 2, after: null, move: 'removed', removedBy: hide.ruleId, rules: [{ ruleId: hide.ruleId, action: 'hidden' }] });
    expect(move(r, 'd')).toMatchObject({ before: 4, after: 1, move: 'up', removedBy: null, rules: [] });
    // The after order comes first, then what left the list by its place before.
    expect(r.moves.map((m) => m.itemId)).toEqual(['d', 'f', 'h', 'j', 'a', 'b', 'c', 'e', 'g', 'i']);
  });

  it('a pin moves the item to its position; the items it passes move down one place', () => {
    const pin = rule({ kind: 'pin', target: { type: 'item', itemId: 'c' }, position: 1, query: exact });
    const r = preview([pin]);
    expect(r.after.map((i) => i.itemId).slice(0, 4)).toEqual(['c', 'a', 'b', 'd']);
    expect(move(r, 'c')).toMatchObject({ before: 3, after: 1, move: 'up', rules: [{ ruleId: pin.ruleId, action: 'pinned' }] });
    expect(move(r, 'a')).toMatchObject({ before: 1, after: 2, move: 'down', rules: [] });
    expect(move(r, 'd')).toMatchObject({ before: 4, after: 4, move: 'same' });
  });

  it('only the previewed rules are compared: a rule that serves either way is in both lists and moves nothing', () => {
    const other = rule({ kind: 'filter', target: { type: 'item', itemId: 'a' }, query: exact });
    const pin = rule({ kind: 'pin', target: { type: 'item', itemId: 'j' }, position: 1, query: exact });
    const r = preview([pin], [other], 5);
    expect(r.before.map((i) => i.itemId)).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(r.after.map((i) => i.itemId)).toEqual(['j', 'b', 'c', 'd', 'e']);
    expect(r.moves.find((m) => m.itemId === 'a')).toBeUndefined();
    // j entered the first five from below them; f was pushed out of the first five (its new place is still known).
    expect(move(r, 'j')).toMatchObject({ before: 9, after: 1, move: 'up' });
    expect(move(r, 'f')).toMatchObject({ before: 5, after: 6, move: 'down', rules: [] });
  });
});

describe('rule preview: an item pushed below the ranked depth', () => {
  it('still names the bury that pushed it', () => {
    const bury = rule({ kind: 'bury', target: { type: 'brand', brand: 'Even' }, strength: 1, query: exact });
    const rank = (rules: Rule[], depth: number) => rankCandidates(TEN, { weights: BEHAVIOUR_ONLY, rules, slot: 'search', now: NOW, k: depth, context: { query, category: null } });
    // Ranked only 3 deep: a (first before) is not among the first 3 after.
    const r = beforeAfter(rank([], 3), rank([bury], 3), [bury], 3, { slot: 'search', query, category: null });
    expect(r.moves.find((m) => m.itemId === 'a')).toMatchObject({ before: 1, after: null, move: 'down', removedBy: null, rules: [{ ruleId: bury.ruleId, action: 'buried' }] });
  });
});
