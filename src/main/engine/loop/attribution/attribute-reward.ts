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
  return list.items.find((i) => i.itemId === itemId)?.position;
}

/**
 * The client named the list: it must exist, be this shopper's (or anonymous), and contain the item.
 * The list's own position of the item is kept (a client's position can be off by a header row).
 */
export function matchExplicit(event: RewardEvent, list: ServedList | undefined): Match {
  if (!list) return { kind: 'unmatched', reason: 'unknown-impression' };
  if (list.shopperId !== null && list.shopperId !== event.shopperId) return { kind: 'unmatched', reason: 'other-shopper' };
  const position = positionIn(list, event.itemId);
  if (position === undefined) return { kind: 'unmatched', reason: 'item-not-in-impression' };
  return { kind: 'explicit', list, position };
}

/**
 * No list named: the latest list this shopper was shown within the window before the event (a few
 * seconds of clock skew allowed) that contained the item. `lists` may be in any order. A list from
 * an earlier session of the shopper is a cross-session match.
 */
export function matchWindow(event: RewardEvent, lists: readonly ServedList[], windowMs: number): Match {
  let best: { list: ServedList; position: number } | undefined;
  for (const list of lists) {
    if (list.createdAt > event.ts + CLOCK_SKEW_MS || list.createdAt < event.ts - windowMs) continue;
    if (best && (list.createdAt < best.list.createdAt || (list.createdAt === best.list.createdAt && list.rowid < best.list.rowid))) continue;
    const position = positionIn(list, event.itemId);
    if (position !== undefined) best = { list, position };
  }
  if (!best) return { kind: 'unmatched', reason: 'no-impression-in-window' };
  return { kind: best.list.sessionId === null || best.list.sessionId === event.sessionId ? 'window' : 'cross-session', ...best };
}
