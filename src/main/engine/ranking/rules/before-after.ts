import type { RankedItem, Rule } from '../../../../shared/contract/recommendations';
import type { ItemMove, MoveKind, RuleAction, RulePreviewResult } from '../../../../shared/contract/rule-preview';
import type { RankingCandidate } from '../scoring/candidate';
import type { RemovedCandidate } from './ruled-candidate';
import { matchesTarget, type TargetMembers } from './rule-target';

type Matchable = Pick<RankingCandidate, 'itemId' | 'brand' | 'category' | 'attributes' | 'inStock'>;

/** One ranking as the before/after view needs it: the items in order (ranked deeper than shown) and what filters removed. */
export interface RankedSide {
  readonly items: readonly RankedItem[];
  readonly removed: readonly RemovedCandidate[];
}

const SCORE_ACTIONS: Partial<Record<Rule['kind'], RuleAction>> = { pin: 'pinned', boost: 'boosted', bury: 'buried' };

/** A filter on one item hides it; a filter on a brand, category, attribute or everything filters it out. */
function filterAction(rule: Rule | undefined): RuleAction {
  return rule?.target.type === 'item' ? 'hidden' : 'filtered';
}

function moveOf(before: number | null, after: number | null, removedBy: string | null): MoveKind {
  if (removedBy !== null) return 'removed';
  if (before === null) return after === null ? 'same' : 'entered';
  if (after === null) return 'down';
  return after < before ? 'up' : after > before ? 'down' : 'same';
}

/**
 * The before/after of some rules: `before` ranked without them, `after` with them, both ranked
 * deeper than `k` so that an item a bury pushed out of the first k still has its new place. Every
 * item shown in either first k, and every item shown before that one of the previewed rules
 * removed, gets its two positions, how it moved and which of the previewed rules acted on it.
 * Items only moved because other items moved carry no rule.
 */
export function beforeAfter(
  before: RankedSide,
  after: RankedSide,
  previewed: readonly Rule[],
  k: number,
  list: Pick<RulePreviewResult, 'slot' | 'query' | 'category'>,
  /** The catalogue's view of an item (attributes, stock), for an item pushed below the ranked depth; default: what the list says. */
  itemOf?: (itemId: string) => Matchable | undefined,
  /** The items of the collections the previewed rules target. */
  members?: TargetMembers,
): RulePreviewResult {
  const ids = new Set(previewed.map((r) => r.ruleId));
  const byId = new Map(previewed.map((r) => [r.ruleId, r]));
  const beforePos = new Map(before.items.map((i) => [i.itemId, i.position]));
  const afterItem = new Map(after.items.map((i) => [i.itemId, i]));
  const removedBy = new Map<string, string>();
  for (const r of after.removed) {
    const rule = r.rules.find((f) => ids.has(f.ruleId));
    if (rule) removedBy.set(r.itemId, rule.ruleId);
  }
  const shownBefore = before.items.slice(0, k);
  const shownAfter = after.items.slice(0, k);
  const order: RankedItem[] = [...shownAfter];
  const seen = new Set(order.map((i) => i.itemId));
  for (const i of shownBefore) if (!seen.has(i.itemId)) (order.push(i), seen.add(i.itemId));

  const moves = order.map((item): ItemMove => {
    const b = beforePos.get(item.itemId) ?? null;
    const a = afterItem.get(item.itemId);
    const remover = removedBy.get(item.itemId) ?? null;
    const rules: ItemMove['rules'] = [];
    if (remover !== null) rules.push({ ruleId: remover, action: filterAction(byId.get(remover)) });
    if (a) {
      for (const f of a.rules) {
        const action = SCORE_ACTIONS[f.kind];
        if (ids.has(f.ruleId) && action) rules.push({ ruleId: f.ruleId, action });
      }
    } else if (remover === null) {
      // Pushed below the ranked depth: the boosts and buries whose target it matches are what moved it.
      const matchable = itemOf?.(item.itemId) ?? item;
      for (const r of previewed) if ((r.kind === 'bury' || r.kind === 'boost') && matchesTarget(r.target, matchable, members)) rules.push({ ruleId: r.ruleId, action: SCORE_ACTIONS[r.kind] as RuleAction });
    }
    return {
      itemId: item.itemId,
      title: item.title,
      ...(item.brand !== undefined ? { brand: item.brand } : {}),
      ...(item.category !== undefined ? { category: item.category } : {}),
      before: b,
      after: remover !== null ? null : (a?.position ?? null),
      move: moveOf(b, remover !== null ? null : (a?.position ?? null), remover),
      rules,
      removedBy: remover,
    };
  });
  // The "after" order, then what left the first k (pushed down or removed) by its place before.
  const rank = (m: ItemMove): number => (m.after !== null && m.after <= k ? m.after : k + (m.before ?? k) + (m.after === null ? 0.5 : 0));
  moves.sort((x, y) => rank(x) - rank(y));
  return { ...list, ruleIds: previewed.map((r) => r.ruleId), before: shownBefore, after: shownAfter, moves };
}
