import type { ServedList } from '../../ranking';

export const HOUR_MS = 3_600_000;

/** The hour a list was served in: the bucket its counts (and its later rewards) go to. */
export function hourOf(t: number): number {
  return Math.floor(t / HOUR_MS) * HOUR_MS;
}

/** One dimension value a list is counted under. */
export interface DimValue {
  readonly dim: string;
  readonly value: string;
}

/** The dimensions every list is counted under: all, weights version, model version, ranking policy, and its experiment arm. */
export function listDims(list: ServedList): DimValue[] {
  const dims: DimValue[] = [
    { dim: 'all', value: '' },
    { dim: 'weights', value: String(list.weightsVersion) },
    { dim: 'model', value: list.modelVersion },
    { dim: 'policy', value: list.policy },
  ];
  if (list.experiment) dims.push({ dim: 'arm', value: armKey(list.experiment.experimentId, list.experiment.armId) });
  return dims;
}

/** Rule dimension values: the rules that fired on any of the list's items. */
export function listRules(list: ServedList): Set<string> {
  const rules = new Set<string>();
  for (const item of list.items) for (const r of item.ruleIds) rules.add(r);
  return rules;
}

export function armKey(experimentId: string, armId: string): string {
  return `${experimentId}:${armId}`;
}

/** A search query as analytics groups it: trimmed, lower case, single spaces. */
export function normaliseQuery(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 256);
}
