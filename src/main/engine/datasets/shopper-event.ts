/** The event kinds the evaluation distinguishes; public logs name them differently and importers map them here. */
export type ShopperEventType = 'view' | 'cart' | 'purchase' | 'remove';

/** One interaction from any public log, normalised so protocols need not know the source format. */
export interface ShopperEvent {
  sessionId: string;
  userId: string | null;
  itemId: string;
  /** Seconds since the epoch, or since the log's own origin when the source gives offsets only. */
  time: number;
  type: ShopperEventType;
  price?: number;
  categoryId?: string;
  categoryCode?: string;
  brand?: string;
  transactionId?: string;
}

/** A row parser either yields an event or names the offending field and why. */
export type RowOutcome = { event: ShopperEvent } | { field: string; reason: string };

export function rowError(field: string, reason: string): RowOutcome {
  return { field, reason };
}
