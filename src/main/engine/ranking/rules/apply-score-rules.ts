import type { FiredRule, Rule } from '../../../../shared/contract/recommendations';
import type { FusedCandidate } from '../scoring/candidate';
import { ruleNote } from './describe-rule';
import type { RuledCandidate } from './ruled-candidate';
import { matchesTarget, type TargetMembers } from './rule-target';

/** max - min of the fused scores in this list; 1 when that is not a positive number (one item, or all equal). */
export function scoreRange(fused: readonly FusedCandidate[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const f of fused) {
    if (f.fused < min) min = f.fused;
    if (f.fused > max) max = f.fused;
  }
  const range = max - min;
  return Number.isFinite(range) && range > 0 ? range : 1;
}

/**
 * Boost adds strength x range to a matching item's score, bury subtracts it; several matching
 * rules add up. Every boost or bury that fires is recorded on the item with its effect.
 */
export function applyScoreRules(fused: readonly FusedCandidate[], activeRules: readonly Rule[], range: number, members?: TargetMembers): RuledCandidate[] {
  const scoring = activeRules.filter((r) => r.kind === 'boost' || r.kind === 'bury');
  return fused.map((f) => {
    const rules: FiredRule[] = [];
    let score = f.fused;
    for (const r of scoring) {
      if (!matchesTarget(r.target, f.candidate, members)) continue;
      const effect = (r.kind === 'boost' ? 1 : -1) * r.strength * range;
      score += effect;
      rules.push({ ruleId: r.ruleId, kind: r.kind, effect, note: ruleNote(r) });
    }
    return { candidate: f.candidate, fused: f.fused, rules, score };
  });
}
