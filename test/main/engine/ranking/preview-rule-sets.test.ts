import { describe, expect, it } from 'vitest';
import { previewRuleSets } from '../../../../src/main/engine/ranking/rules/preview-rule-sets';
import { rule } from './ranking-fixtures';

const ids = (rules: readonly { ruleId: string }[]) => rules.map((r) => r.ruleId);

describe('the rule sets a before/after compares', () => {
  const a = rule({ kind: 'boost', target: { type: 'brand', brand: 'A' } });
  const b = rule({ kind: 'bury', target: { type: 'brand', brand: 'B' } });

  it('stored rules: without the previewed ones, then with every rule in force', () => {
    expect(previewRuleSets([a, b], { ruleIds: [b.ruleId] })).toEqual({ before: [a], after: [a, b], previewed: [b] });
    const all = previewRuleSets([a, b], { ruleIds: undefined });
    expect([ids(all.before), ids(all.after), ids(all.previewed)]).toEqual([[], [a.ruleId, b.ruleId], [a.ruleId, b.ruleId]]);
  });

  it('a draft: as it serves, then with the draft added, or in place of the rule it edits; nothing when it does not apply', () => {
    const draft = { ...rule({ kind: 'pin', target: { type: 'item', itemId: 'x' }, position: 1 }), ruleId: 'r-new' };
    expect(previewRuleSets([a, b], { draft, applies: true })).toEqual({ before: [a, b], after: [a, b, draft], previewed: [draft] });
    const edit = { ...b, strength: 1 };
    expect(previewRuleSets([a, b], { draft: edit, applies: true })).toEqual({ before: [a, b], after: [a, edit], previewed: [edit] });
    expect(previewRuleSets([a, b], { draft, applies: false })).toEqual({ before: [a, b], after: [a, b], previewed: [] });
  });
});
