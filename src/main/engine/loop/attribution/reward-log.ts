import type { Database, Statement } from 'better-sqlite3';
import type { AttributionKind, UnmatchedReason } from '../../../../shared/contract';

/** A row of the rewards table: one click, cart add or purchase, and how it was attributed. */
export interface RewardRow {
  readonly seq: number;
  readonly impressionId: string | null;
  readonly itemId: string;
  readonly position: number | null;
  readonly type: 'click' | 'add_to_cart' | 'purchase';
  /** price x quantity for purchases, 0 otherwise. */
  readonly value: number;
  readonly quantity: number;
  readonly kind: AttributionKind;
  readonly reason: UnmatchedReason | null;
  readonly ts: number;
  readonly late: boolean;
  readonly outOfOrder: boolean;
  /** Loaded by an import or the demo seed. */
  readonly history: boolean;
  readonly firstForItem: boolean;
  readonly firstForList: boolean;
  readonly listValueBefore: number;
}

/** A rewards table row as SQLite returns it. */
export interface RewardDbRow {
  seq: number;
  impression_id: string | null;
  item_id: string;
  position: number | null;
  type: string;
  value: number;
  quantity: number;
  kind: string;
  reason: string | null;
  ts: number;
  late: number;
  out_of_order: number;
  history: number;
  first_for_item: number;
  first_for_list: number;
  list_value_before: number;
}

/** Writes and reads the rewards table. */
export class RewardLog {
  private readonly insert: Statement;
  private readonly after: Statement<[number, number], RewardDbRow>;

  constructor(db: Database) {
    this.insert = db.prepare(`INSERT INTO rewards (seq, impression_id, item_id, position, type, value, quantity, kind, reason, ts, late, out_of_order,
      history, first_for_item, first_for_list, list_value_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.after = db.prepare('SELECT * FROM rewards WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  write(r: RewardRow): void {
    this.insert.run(r.seq, r.impressionId, r.itemId, r.position, r.type, r.value, r.quantity, r.kind, r.reason, r.ts, r.late ? 1 : 0, r.outOfOrder ? 1 : 0, r.history ? 1 : 0, r.firstForItem ? 1 : 0, r.firstForList ? 1 : 0, r.listValueBefore);
  }

  /** Rewards after `seq`, oldest first, at most `limit` (the roll-ups catch up with this). */
  since(seq: number, limit: number): RewardRow[] {
    return this.after.all(seq, limit).map((r) => ({
      seq: r.seq,
      impressionId: r.impression_id,
      itemId: r.item_id,
      position: r.position,
      type: r.type as RewardRow['type'],
      value: r.value,
      quantity: r.quantity,
      kind: r.kind as AttributionKind,
      reason: r.reason as UnmatchedReason | null,
      ts: r.ts,
      late: r.late === 1,
      outOfOrder: r.out_of_order === 1,
      history: r.history === 1,
      firstForItem: r.first_for_item === 1,
      firstForList: r.first_for_list === 1,
      listValueBefore: r.list_value_before,
    }));
  }
}
