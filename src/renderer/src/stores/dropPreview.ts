import type { RulePreviewResult } from '../transport/contract';

/** While a card is dragged over another: pinning it at that card's position, as the engine would rank it (rules.preview with the draft pin). */
export interface DropPreview {
  itemId: string;
  /** The position the card would be pinned at (the card under the pointer). */
  position: number;
  /** Null until the engine answers. */
  effect: RulePreviewResult | null;
  error: string | null;
}

/** What a drop would do, in the figures the page states before the dialog. */
export interface DropSummary {
  /** Where the dragged item lands; another pin may hold the position asked for (null: not within the list shown). */
  landsAt: number | null;
  /** Where it is now. */
  from: number | null;
  /** Other items that move down, and up. */
  down: number;
  up: number;
  /** Where each item would be after the drop (null: out of the list shown), for the cards' badges. */
  positions: ReadonlyMap<string, number | null>;
}

export function dropSummary(effect: RulePreviewResult, itemId: string): DropSummary {
  const positions = new Map<string, number | null>();
  let down = 0;
  let up = 0;
  let landsAt: number | null = null;
  let from: number | null = null;
  for (const m of effect.moves) {
    positions.set(m.itemId, m.after);
    if (m.itemId === itemId) {
      landsAt = m.after;
      from = m.before;
    } else if (m.move === 'down' || (m.move === 'removed' && m.before !== null)) down++;
    else if (m.move === 'up') up++;
  }
  return { landsAt, from, down, up, positions };
}
