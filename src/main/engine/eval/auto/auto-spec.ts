/**
 * `<model>:auto` specs: the configuration is chosen on the validation fold within a time budget
 * (`intent:auto`, `intent:auto,budget=600`; `itemknn:auto`, `transitions:auto`, `vsknn:auto`, and
 * `baseline:auto` for the best baseline of all). On the test fold such a spec names its frozen
 * selection (eval/frozen/<dataset>.json).
 */
export const AUTO_FAMILIES = ['intent', 'itemknn', 'transitions', 'vsknn', 'baseline'] as const;
export type AutoFamily = (typeof AUTO_FAMILIES)[number];

/** Default budgets, seconds: the intent model's covers its whole selection (bench target ≤ 900 s on Beauty). */
export const AUTO_BUDGET_SECONDS: Record<AutoFamily, number> = { intent: 900, itemknn: 300, transitions: 300, vsknn: 300, baseline: 600 };

export interface AutoSpec {
  family: AutoFamily;
  budgetSeconds: number;
}

/** Parses `<family>:auto[,budget=S]`; null for any other spec. */
export function parseAutoSpec(spec: string): AutoSpec | null {
  const match = /^([a-z]+):auto(?:,budget=(\d+))?$/.exec(spec.trim());
  if (match === null) return null;
  const family = match[1] as AutoFamily;
  if (!(AUTO_FAMILIES as readonly string[]).includes(family)) throw new Error(`"${spec}": no automatic selection for ${family} (known: ${AUTO_FAMILIES.map((f) => `${f}:auto`).join(', ')})`);
  const budget = match[2] === undefined ? AUTO_BUDGET_SECONDS[family] : Number(match[2]);
  if (!(budget > 0)) throw new Error(`"${spec}": budget must be a positive number of seconds`);
  return { family, budgetSeconds: budget };
}
