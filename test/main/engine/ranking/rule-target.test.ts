import { describe, expect, it } from 'vitest';
import type { RuleTarget } from '../../../../src/shared/contract/recommendations';
import { matchesTarget } from '../../../../src/main/engine/ranking/rules/rule-target';
import { rankCandidates } from '../../../../src/main/engine/ranking';
import { BEHAVIOUR_ONLY, candidate, NOW, rule } from './ranking-fixtures';

const attribute = (name: string, value: string | number | boolean): RuleTarget => ({ type: 'attribute', name, value });
const item = (attributes: Record<string, string | number | boolean>) => candidate('p1', 1, { attributes });

describe('attribute targets', () => {
  it('match a value of another type by its text: CSV imports store every attribute as a string', () => {
    // A catalogue imported from CSV: `attr_size` = "42", `attr_vegan` = "true".
    const imported = item({ size: '42', vegan: 'true', ratio: '0.5' });
    expect(matchesTarget(attribute('size', 42), imported)).toBe(true);
    expect(matchesTarget(attribute('vegan', true), imported)).toBe(true);
    expect(matchesTarget(attribute('ratio', 0.5), imported)).toBe(true);
    expect(matchesTarget(attribute('size', 43), imported)).toBe(false);
    expect(matchesTarget(attribute('vegan', false), imported)).toBe(false);
    // And the other way round: a typed value (JSON import) against a rule stored as text.
    const typed = item({ size: 42, vegan: true });
    expect(matchesTarget(attribute('size', '42'), typed)).toBe(true);
    expect(matchesTarget(attribute('vegan', ' TRUE '), typed)).toBe(true);
    expect(matchesTarget(attribute('size', '43'), typed)).toBe(false);
  });

  it('keeps text trimmed and case-insensitive, and never mixes up two non-text types', () => {
    expect(matchesTarget(attribute('colour', ' Red '), item({ colour: 'red' }))).toBe(true);
    expect(matchesTarget(attribute('colour', 'blue'), item({ colour: 'red' }))).toBe(false);
    expect(matchesTarget(attribute('flag', 1), item({ flag: true }))).toBe(false);
    expect(matchesTarget(attribute('size', 42), item({ size: 42 }))).toBe(true);
    expect(matchesTarget(attribute('size', 42), item({}))).toBe(false);
    // A nested value (a JSON catalogue's object) is no scalar and matches nothing, not even its String().
    const nested = candidate('p2', 1, { attributes: { spec: { a: 1 } } as unknown as Record<string, string> });
    expect(matchesTarget(attribute('spec', '[object Object]'), nested)).toBe(false);
  });

  it('a filter rule for size 42 hides the imported item whose size is "42"', () => {
    const items = [candidate('a', 1, { attributes: { size: '41' } }), candidate('b', 0.5, { attributes: { size: '42' } })];
    const hide42 = rule({ kind: 'filter', target: attribute('size', 42) });
    const out = rankCandidates(items, { weights: BEHAVIOUR_ONLY, rules: [hide42], slot: 'home', now: NOW, k: 10 }).items;
    expect(out.map((i) => i.itemId)).toEqual(['a']);
  });
});
