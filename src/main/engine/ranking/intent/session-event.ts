/** The part of a stored event the purchase-intent features read. */
export interface SessionEvent {
  readonly type: string;
  readonly itemId?: string | null;
  readonly query?: string | null;
  readonly ts: number;
}

/** One session's events in time order, as training reads them from the store. */
export interface SessionHistory {
  readonly sessionId: string;
  readonly events: readonly SessionEvent[];
}

/** Events the shop logs about what it showed, not something the shopper did; features ignore them. */
export const SYSTEM_EVENT_TYPES: ReadonlySet<string> = new Set(['impression']);
