import type { Rule } from '../../../../shared/contract/recommendations';

/** A rule applies when enabled, `now` is inside [startsAt, endsAt) (an open end is unbounded), and its slot is '*' or this one. */
export function isRuleActive(rule: Rule, slot: string, now: number): boolean {
  if (!rule.enabled) return false;
  if (rule.startsAt !== null && now < rule.startsAt) return false;
  if (rule.endsAt !== null && now >= rule.endsAt) return false;
  return rule.slot === '*' || rule.slot === slot;
}
