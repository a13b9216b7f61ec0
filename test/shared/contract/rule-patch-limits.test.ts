/**
 * A rule with weekly windows must cross every boundary a rule crosses: rules.update's patch and the
 * risk dialog's rules.save (bounded JSON), not only rules.create. Failing before the fix: the patch
 * limit allowed 3 levels, and a window's days are at 5, so no rule with a window could be edited.
 */
import { describe, expect, it } from 'vitest';
import { GuardedAction, RULE_WINDOWS_MAX, RuleInput, methods } from '../../../src/shared/contract';

const week = [0, 1, 2, 3, 4, 5, 6];
/** The largest rule the contract takes: every field at its longest, every window of 7 days. */
const largest = {
  kind: 'redirect',
  target: { type: 'all' },
  slot: 'search',
  startsAt: 1,
  endsAt: 2,
  enabled: true,
  note: 'x'.repeat(500),
  query: { match: 'pattern', text: 'q*' },
  category: 'c'.repeat(500),
  segment: 's'.repeat(40),
  schedule: { timeZone: 'America/Argentina/ComodRivadavia', windows: Array.from({ length: RULE_WINDOWS_MAX }, () => ({ days: week, from: '09:00', to: '17:00' })) },
  url: `https://shop.example/${'p'.repeat(1900)}`,
};

describe('a rule’s patch and guarded save hold the largest valid rule', () => {
  it('is a valid rule', () => {
    expect(RuleInput.safeParse(largest).success).toBe(true);
  });

  it('passes as a rules.update patch and as the rule of a guarded rules.save', () => {
    const update = methods['rules.update'].input.safeParse({ ruleId: 'r-1', patch: largest });
    expect(update.success ? [] : update.error.issues).toEqual([]);
    const guarded = GuardedAction.safeParse({ action: 'rules.save', ruleId: 'r-1', rule: largest });
    expect(guarded.success ? [] : guarded.error.issues).toEqual([]);
  });

  it('still refuses nesting deeper than any rule has', () => {
    const deeper = { schedule: { windows: [{ days: [[0]] }] } };
    const update = methods['rules.update'].input.safeParse({ ruleId: 'r-1', patch: deeper });
    expect(update.success).toBe(false);
    expect(JSON.stringify(update.error?.issues)).toContain('nested deeper than 5 levels');
  });
});
