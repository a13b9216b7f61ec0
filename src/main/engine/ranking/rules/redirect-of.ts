import type { Rule } from '../../../../shared/contract/recommendations';

/** The URL of the redirect rule that fired (active for this query now), the most recently updated first; undefined when none. */
export function redirectOf(activeRules: readonly Rule[]): string | undefined {
  const redirects = activeRules.filter((r) => r.kind === 'redirect' && r.url).sort((a, b) => b.updatedAt - a.updatedAt || a.ruleId.localeCompare(b.ruleId));
  return redirects[0]?.url ?? undefined;
}
