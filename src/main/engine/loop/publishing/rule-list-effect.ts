import type { Rule } from '../../../../shared/contract';
import type { RulePreviewResult } from '../../../../shared/contract/rule-preview';

/** How many places of the list a rule save's effect line looks at. */
export const EFFECT_DEPTH = 10;

/** The list a rule is shown on before it is saved: the search for its query text, else its slot's list for a new anonymous shopper; null for a pattern (no one query stands for it). */
export function effectList(rule: Rule): { request: { slot: string; k: number; query?: string; category?: string; segments?: string[]; collection?: string }; where: string } | null {
  if (rule.query?.match === 'pattern') return null;
  // A collection is a browse list: a rule scoped to one and to a query never meets a list.
  if (rule.query && rule.collection) return null;
  const scope = { ...(rule.category ? { category: rule.category } : {}), ...(rule.segment ? { segments: [rule.segment] } : {}), ...(rule.collection ? { collection: rule.collection } : {}) };
  const within = `${rule.collection ? ` of collection ${rule.collection}` : ''}${rule.category ? ` in ${rule.category}` : ''}${rule.segment ? ` for a shopper in ${rule.segment}` : ' for a new anonymous shopper'}`;
  if (rule.query) return { request: { slot: 'search', query: rule.query.text, k: EFFECT_DEPTH, ...scope }, where: `On a search for "${rule.query.text}"${within}` };
  const slot = rule.slot === '*' ? 'home' : rule.slot;
  if (slot === 'search') return null;
  return { request: { slot, k: EFFECT_DEPTH, ...scope }, where: `On '${slot}'${within}` };
}

/** One line for the risk dialog: how many of the first places change, and what the rule itself did to which items. */
export function describeListEffect(where: string, result: RulePreviewResult): string {
  if (result.ruleIds.length === 0) return `${where}: the rule would not apply now (its schedule, or a condition this list does not meet).`;
  const changed = result.moves.filter((m) => m.before !== m.after && ((m.before !== null && m.before <= EFFECT_DEPTH) || (m.after !== null && m.after <= EFFECT_DEPTH))).length;
  const acted = result.moves
    .filter((m) => m.rules.length > 0)
    .slice(0, 3)
    .map((m) => `"${m.title}" ${m.rules.map((r) => r.action).join(' and ')} (${m.before ?? 'not shown'} → ${m.after ?? 'out'})`);
  const more = result.moves.filter((m) => m.rules.length > 0).length - acted.length;
  return `${where}: ${changed} of the first ${EFFECT_DEPTH} places change${acted.length ? `; ${acted.join(', ')}${more > 0 ? ` and ${more} more` : ''}` : '; the rule acts on none of the items there'}.`;
}
