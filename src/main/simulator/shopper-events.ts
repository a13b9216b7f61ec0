import type { EventInput } from '../../shared/contract';

/** Where an item was shown: attached to its events when the client tags them. */
export interface ListTag {
  readonly impressionId: string;
  readonly position: number;
}

export interface EventScope {
  readonly shopperId: string;
  readonly sessionId: string;
  readonly ts: number;
}

/** A click, view, cart add or purchase of one item, with the list it came from when `tag` is given. */
export function itemEvent(
  type: 'click' | 'view' | 'add_to_cart' | 'purchase',
  scope: EventScope,
  item: { itemId: string; price: number | undefined; quantity?: number },
  tag: ListTag | undefined,
): EventInput {
  return {
    type,
    shopperId: scope.shopperId,
    sessionId: scope.sessionId,
    ts: scope.ts,
    itemId: item.itemId,
    ...(item.price !== undefined ? { price: item.price } : {}),
    ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
    ...(tag !== undefined ? { impressionId: tag.impressionId, position: tag.position } : {}),
  };
}
