import type { FiredRule, Rule } from '../../../../shared/contract/recommendations';
import type { FusedCandidate } from '../scoring/candidate';
import { ruleNote } from './describe-rule';
import type { RemovedCandidate } from './ruled-candidate';
import { matchesTarget, type TargetMembers } from './rule-target';

/** Removes every candidate an active filter rule matches; the removed ones keep the rules that removed them. */
export function applyFilters(fused: readonly FusedCandidate[], activeRules: readonly Rule[], members?: TargetMembers): { kept: FusedCandidate[]; removed: RemovedCandidate[] } {
  const filters = activeRules.filter((r) => r.kind === 'filter');
  if (filters.length === 0) return { kept: [...fused], removed: [] };
  const kept: FusedCandidate[] = [];
  const removed: RemovedCandidate[] = [];
  for (const f of fused) {
    const fired: FiredRule[] = filters
      .filter((r) => matchesTarget(r.target, f.candidate, members))
      .map((r) => ({ ruleId: r.ruleId, kind: r.kind, effect: 0, note: ruleNote(r) }));
    if (fired.length) removed.push({ itemId: f.candidate.itemId, rules: fired });
    else kept.push(f);
  }
  return { kept, removed };
}
