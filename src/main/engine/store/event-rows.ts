import type { StoredEvent } from '../../../shared/contract';

/** The events table's columns, as better-sqlite3 returns them. */
export interface EventRow {
  seq: number;
  id: string;
  type: string;
  shopper_id: string;
  session_id: string;
  item_id: string | null;
  query: string | null;
  price: number | null;
  quantity: number | null;
  ts: number;
  context: string | null;
  impression_id: string | null;
  position: number | null;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    seq: row.seq,
    type: row.type,
    shopperId: row.shopper_id,
    sessionId: row.session_id,
    itemId: row.item_id,
    query: row.query,
    price: row.price,
    quantity: row.quantity,
    ts: row.ts,
    context: row.context === null ? null : (JSON.parse(row.context) as Record<string, unknown>),
    impressionId: row.impression_id,
    position: row.position,
  };
}
