import type { Rule } from '../../../../shared/contract/recommendations';

/** The rules a before/after ranks each list with, and the ones whose effect it shows. */
export interface PreviewRuleSets {
  before: readonly Rule[];
  after: readonly Rule[];
  previewed: readonly Rule[];
}

/**
 * What `rules.preview` compares, from the rules in force for the list. A draft: the list as it serves,
 * then with the draft in force (in place of the stored rule it edits, which has its id) when it
 * `applies` to this list now. Otherwise: without the previewed rules (`ruleIds`, absent = every rule
 * in force), then with them.
 */
export function previewRuleSets(inForce: readonly Rule[], choice: { draft: Rule; applies: boolean } | { ruleIds: readonly string[] | undefined }): PreviewRuleSets {
  if ('draft' in choice) {
    const previewed = choice.applies ? [choice.draft] : [];
    return { before: inForce, after: [...inForce.filter((r) => r.ruleId !== choice.draft.ruleId), ...previewed], previewed };
  }
  const wanted = choice.ruleIds ? new Set(choice.ruleIds) : null;
  const previewed = wanted ? inForce.filter((r) => wanted.has(r.ruleId)) : inForce;
  const ids = new Set(previewed.map((r) => r.ruleId));
  return { before: inForce.filter((r) => !ids.has(r.ruleId)), after: inForce, previewed };
}
