import type { Rule } from '../../../../shared/contract/recommendations';
import { ruleNote } from './describe-rule';
import type { RuledCandidate } from './ruled-candidate';

export interface PinPlacement {
  /** 1-based position in the list. */
  readonly position: number;
  readonly item: RuledCandidate;
}

export interface UnplacedPin {
  readonly ruleId: string;
  readonly itemId: string;
  readonly reason: 'not a candidate, filtered or not in the catalogue' | 'item already pinned' | 'no free position within k';
}

/**
 * Decides where pinned items go. Pins are taken in order of position, then the most recently
 * updated rule first, then rule id; each takes its position or, when an earlier pin holds it, the
 * next free one. An item pinned twice keeps its first placement. The pin is recorded on the item
 * as a fired rule with effect 0: it moves the item, it does not change its score.
 */
export function placePins(pinRules: readonly Rule[], pool: ReadonlyMap<string, RuledCandidate>, k: number): { placed: PinPlacement[]; unplaced: UnplacedPin[] } {
  const ordered = pinRules
    .filter((r) => r.kind === 'pin' && r.target.type === 'item')
    .sort((a, b) => (a.position ?? 1) - (b.position ?? 1) || b.updatedAt - a.updatedAt || a.ruleId.localeCompare(b.ruleId));
  const taken = new Set<number>();
  const pinnedItems = new Set<string>();
  const placed: PinPlacement[] = [];
  const unplaced: UnplacedPin[] = [];
  for (const rule of ordered) {
    const itemId = rule.target.type === 'item' ? rule.target.itemId : '';
    const item = pool.get(itemId);
    if (!item) {
      unplaced.push({ ruleId: rule.ruleId, itemId, reason: 'not a candidate, filtered or not in the catalogue' });
      continue;
    }
    if (pinnedItems.has(itemId)) {
      unplaced.push({ ruleId: rule.ruleId, itemId, reason: 'item already pinned' });
      continue;
    }
    let position = rule.position ?? 1;
    while (taken.has(position)) position++;
    if (position > k) {
      unplaced.push({ ruleId: rule.ruleId, itemId, reason: 'no free position within k' });
      continue;
    }
    taken.add(position);
    pinnedItems.add(itemId);
    placed.push({ position, item: { ...item, rules: [...item.rules, { ruleId: rule.ruleId, kind: 'pin', effect: 0, note: ruleNote(rule) }] } });
  }
  return { placed, unplaced };
}
