import type { Rule } from '../../../../shared/contract/recommendations';
import { queryMatches } from './query-condition';
import { categoryContains, type TargetMembers } from './rule-target';
import { insideSchedule } from './rule-schedule';

/** What a list is asked for, as the rules' conditions read it. */
export interface RuleRequestContext {
  /** The search query; null on a recommendation. */
  readonly query: string | null;
  /** The category page or the category a search is filtered to; null when none. */
  readonly category: string | null;
  /** The segments the shopper is in for this list (built in and sent); absent: none. */
  readonly segments?: ReadonlySet<string>;
  /** The collection whose list this is (a recommend's context.collection); absent: none. */
  readonly collection?: string;
  /** The items of the collections the list's rules target (rule-target.ts); absent: none targeted. */
  readonly targetMembers?: TargetMembers;
}

export const NO_CONTEXT: RuleRequestContext = { query: null, category: null };

/**
 * A rule applies when enabled, `now` is inside [startsAt, endsAt) (an open end is unbounded) and
 * inside one of its schedule's weekly windows, its slot is '*' or this one, its query condition (if
 * any) matches the request's query, its category scope (if any) holds the request's category, and its
 * segment (if any) is one the shopper is in for this list, and its collection (if any) is the list's.
 */
export function isRuleActive(rule: Rule, slot: string, now: number, context: RuleRequestContext = NO_CONTEXT): boolean {
  if (!rule.enabled) return false;
  if (rule.startsAt !== null && now < rule.startsAt) return false;
  if (rule.endsAt !== null && now >= rule.endsAt) return false;
  if (rule.slot !== '*' && rule.slot !== slot) return false;
  if (rule.query && (context.query === null || !queryMatches(rule.query, context.query))) return false;
  if (rule.category && (context.category === null || !categoryContains(rule.category, context.category))) return false;
  if (rule.segment && !context.segments?.has(rule.segment)) return false;
  if (rule.collection && context.collection !== rule.collection) return false;
  if (rule.schedule && !insideSchedule(rule.schedule, now)) return false;
  return true;
}
