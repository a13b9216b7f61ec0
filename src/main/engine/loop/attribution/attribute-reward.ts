import type { AttributionKind, UnmatchedReason } from '../../../../shared/contract';
import type { ServedList } from '../../ranking';
import { CLOCK_SKEW_MS } from './attribution-windows';

/** The fields of a stored event that attribution reads. */
export interface RewardEvent {
  readonly type: string;
  readonly itemId: string;
  readonly shopperId: string;
  readonly sessionId: string;
  readonly ts: number;
  readonly impressionId: string | null;
  readonly position: number | null;
}

export type Match =
  | { readonly kind: Exclude<AttributionKind, 'unmatched'>; readonly list: ServedList; readonly position: number }
  | { readonly kind: 'unmatched'; readonly reason: UnmatchedReason };

function positionIn(list: ServedList, itemId: string): number | undefined {
  // A plain loop: this runs for every reward on the ingest path.
  const items = list.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as ServedList['items'][number];
    if (item.itemId === itemId) return item.position;
  }
  return undefined;
}

// The unmatched answers carry nothing of the event: one object each rather than one per reward.
const UNKNOWN_IMPRESSION: Match = Object.freeze({ kind: 'unmatched', reason: 'unknown-impression' });
const OTHER_SHOPPER: Match = Object.freeze({ kind: 'unmatched', reason: 'other-shopper' });
const ITEM_NOT_IN_IMPRESSION: Match = Object.freeze({ kind: 'unmatched', reason: 'item-not-in-impression' });
const NO_IMPRESSION_IN_WINDOW: Match = Object.freeze({ kind: 'unmatched', reason: 'no-impression-in-window' });

/**
 * The client named the list: it must exist, be this shopper's (or anonymous), and contain the item.
 * The list's own position of the item is kept (a client's position can be off by a header row).
 */
export function matchExplicit(event: RewardEvent, list: ServedList | undefined): Match {
  if (!list) return UNKNOWN_IMPRESSION;
  if (list.shopperId !== null && list.shopperId !== event.shopperId) return OTHER_SHOPPER;
  const position = positionIn(list, event.itemId);
  if (position === undefined) return ITEM_NOT_IN_IMPRESSION;
  return { kind: 'explicit', list, position };
}

/**
 * No list named: the latest list this shopper was shown within the window at or before the event
 * that contained the item. Only when there is none, a list logged up to a few seconds after the
 * event (clock skew between the client and the engine), the earliest such. The skew allowance must
 * not let a later list win over one already shown: a re-render logged 3 s after a click would
 * otherwise take the credit from the list the shopper actually clicked in. `lists` may be in any
 * order. A list from an earlier session of the shopper is a cross-session match.
 */
export function matchWindow(event: RewardEvent, lists: readonly ServedList[], windowMs: number): Match {
  // Latest at or before the event (ties: the later logged).
  let best: ServedList | undefined;
  let bestPosition = 0;
  // Earliest after the event within the skew allowance (ties: the later logged), the fallback.
  let skewed: ServedList | undefined;
  let skewedPosition = 0;
  const latest = event.ts + CLOCK_SKEW_MS;
  const earliest = event.ts - windowMs;
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i] as ServedList;
    if (list.createdAt > latest || list.createdAt < earliest) continue;
    if (list.createdAt <= event.ts) {
      if (best && (list.createdAt < best.createdAt || (list.createdAt === best.createdAt && list.rowid < best.rowid))) continue;
      const position = positionIn(list, event.itemId);
      if (position !== undefined) {
        best = list;
        bestPosition = position;
      }
    } else {
      if (best || (skewed && (list.createdAt > skewed.createdAt || (list.createdAt === skewed.createdAt && list.rowid < skewed.rowid)))) continue;
      const position = positionIn(list, event.itemId);
      if (position !== undefined) {
        skewed = list;
        skewedPosition = position;
      }
    }
  }
  const match = best ?? skewed;
  if (!match) return NO_IMPRESSION_IN_WINDOW;
  return { kind: match.sessionId === null || match.sessionId === event.sessionId ? 'window' : 'cross-session', list: match, position: best ? bestPosition : skewedPosition };
}
