import type { LoopCounts } from '../../../../shared/contract';
import type { ServedList } from '../../ranking';
import type { RewardRow } from '../attribution/reward-log';
import { boundedValue, MAX_LIST_VALUE } from '../attribution/reward-value';
import { emptyCounts } from './loop-counts';
import { hourOf, listDims, listRules, normaliseQuery, type DimValue } from './rollup-keys';

/** Counter deltas not yet written, keyed by their roll-up row. */
export interface PendingRollups {
  readonly metrics: Map<string, { dim: string; value: string; slot: string; bucket: number; counts: LoopCounts }>;
  readonly positions: Map<string, { slot: string; explored: boolean; position: number; bucket: number; shown: number; clicked: number }>;
  readonly searches: Map<string, { query: string; bucket: number; searches: number; zeroResults: number; clicked: number }>;
  readonly attribution: Map<string, number>;
  /** The newest impression rowid and reward seq folded in. */
  lastListRowid: number;
  lastRewardSeq: number;
}

export function emptyPending(): PendingRollups {
  return { metrics: new Map(), positions: new Map(), searches: new Map(), attribution: new Map(), lastListRowid: 0, lastRewardSeq: 0 };
}

type MetricRow = PendingRollups['metrics'] extends Map<string, infer R> ? R : never;

/** A list's roll-up keys, computed once and reused by each of its rewards. */
interface ListKeys {
  readonly bucket: number;
  readonly dims: readonly (DimValue & { readonly key: string })[];
  /** Rule id -> its key, for every rule that fired on one of the list's items. */
  readonly rules: ReadonlyMap<string, string>;
  /** The pending rows of `dims`, in order, as resolved for pending set number `rowsOf` (a reward then needs no map lookup). */
  rows?: MetricRow[];
  rowsOf?: number;
}

/** Deltas a list adds when served, and those its rewards add, folded into pending roll-up rows. */
export class RollupAccumulator {
  /** Replaced only by take(), which moves `generation` on (ListKeys.rows relies on that). */
  private pending: PendingRollups = emptyPending();
  private readonly keys = new WeakMap<ServedList, ListKeys>();
  /**
   * Lists served in the same hour under the same slot, versions, arm and rules share one ListKeys
   * (and so its resolved rows). Emptied with each take(), which bounds it.
   */
  private shared = new Map<string, ListKeys>();
  /** Counts take()s: which pending set ListKeys.rows belong to. */
  private generation = 0;

  /** A list was served: one more list under each of its dimensions, and its items at their positions. */
  addList(list: ServedList): void {
    const k = this.keysOf(list);
    for (const d of k.dims) {
      const c = this.row(d.key, d.dim, d.value, list.slot, k.bucket).counts;
      c.lists += 1;
      c.items += list.items.length;
    }
    for (const [rule, key] of k.rules) {
      const c = this.row(key, 'rule', rule, list.slot, k.bucket).counts;
      c.lists += 1;
      for (const i of list.items) if (i.ruleIds.includes(rule)) c.items += 1;
    }
    for (const item of list.items) this.addPosition(list, item.position, k.bucket, 1, 0);
    if (list.slot === 'search' && list.query !== null) this.addSearch(list.query, k.bucket, { searches: 1, zeroResults: list.items.length === 0 ? 1 : 0, clicked: 0 });
    if (list.rowid > this.pending.lastListRowid) this.pending.lastListRowid = list.rowid;
  }

  /** A committed reward (with its list when attributed). */
  addReward(reward: RewardRow, list: ServedList | undefined): void {
    this.countAttribution(reward);
    if (reward.seq > this.pending.lastRewardSeq) this.pending.lastRewardSeq = reward.seq;
    if (!list || reward.kind === 'unmatched') return;
    const k = this.keysOf(list);
    const rows = this.dimRows(k, list.slot);
    for (let i = 0; i < rows.length; i++) {
      const c = (rows[i] as MetricRow).counts;
      addListReward(c, reward);
      addItemReward(c, reward);
    }
    if (k.rules.size > 0) {
      const itemRules = list.items.find((i) => i.itemId === reward.itemId)?.ruleIds ?? [];
      for (const [rule, key] of k.rules) {
        const c = this.row(key, 'rule', rule, list.slot, k.bucket).counts;
        addListReward(c, reward);
        if (itemRules.includes(rule)) addItemReward(c, reward);
      }
    }
    if (reward.type === 'click' && reward.firstForItem && reward.position !== null) this.addPosition(list, reward.position, k.bucket, 0, 1);
    if (reward.type === 'click' && reward.firstForList && list.slot === 'search' && list.query !== null) this.addSearch(list.query, k.bucket, { searches: 0, zeroResults: 0, clicked: 1 });
  }

  addDuplicates(n: number): void {
    if (n > 0) this.bump('duplicates', n);
  }

  /** The pending deltas, left in place: a flush writes them and takes them only once they are written. */
  peek(): Readonly<PendingRollups> {
    return this.pending;
  }

  /** Hands the pending deltas over (to be written) and starts afresh. */
  take(): PendingRollups {
    const taken = this.pending;
    this.pending = emptyPending();
    this.shared = new Map();
    this.generation++;
    return taken;
  }

  get empty(): boolean {
    const p = this.pending;
    return p.metrics.size === 0 && p.positions.size === 0 && p.searches.size === 0 && p.attribution.size === 0 && p.lastListRowid === 0 && p.lastRewardSeq === 0;
  }

  private keysOf(list: ServedList): ListKeys {
    let k = this.keys.get(list);
    if (!k) {
      const bucket = hourOf(list.createdAt);
      const suffix = `\u0000${list.slot}\u0000${bucket}`;
      const dims = listDims(list).map((d) => ({ ...d, key: `${d.dim}\u0000${d.value}${suffix}` }));
      const rules = new Map([...listRules(list)].map((rule): [string, string] => [rule, `rule\u0000${rule}${suffix}`]));
      const signature = `${dims.map((d) => d.key).join('\u0001')}\u0002${[...rules.values()].join('\u0001')}`;
      k = this.shared.get(signature);
      if (!k) {
        k = { bucket, dims, rules };
        this.shared.set(signature, k);
      }
      this.keys.set(list, k);
    }
    return k;
  }

  /** The pending rows of the list's dimensions (resolved once per list keys and pending set). */
  private dimRows(k: ListKeys, slot: string): MetricRow[] {
    if (k.rowsOf !== this.generation || !k.rows) {
      k.rows = k.dims.map((d) => this.row(d.key, d.dim, d.value, slot, k.bucket));
      k.rowsOf = this.generation;
    }
    return k.rows;
  }

  private row(key: string, dim: string, value: string, slot: string, bucket: number): MetricRow {
    let row = this.pending.metrics.get(key);
    if (!row) {
      row = { dim, value, slot, bucket, counts: emptyCounts() };
      this.pending.metrics.set(key, row);
    }
    return row;
  }

  private countAttribution(r: RewardRow): void {
    this.bump('rewards', 1);
    this.bump(KIND_KEYS[r.kind], 1);
    if (r.reason !== null) this.bump(`reason:${r.reason}`, 1);
    if (r.late) this.bump('late', 1);
    if (r.outOfOrder) this.bump('out-of-order', 1);
    if (r.history) this.bump('history', 1);
    if (r.kind !== 'unmatched' && !r.firstForItem) this.bump('repeats', 1);
  }

  private bump(key: string, n: number): void {
    this.pending.attribution.set(key, (this.pending.attribution.get(key) ?? 0) + n);
  }

  private addPosition(list: ServedList, position: number, bucket: number, shown: number, clicked: number): void {
    const key = `${list.slot}\u0000${list.explored ? 1 : 0}\u0000${position}\u0000${bucket}`;
    const row = this.pending.positions.get(key);
    if (row) {
      row.shown += shown;
      row.clicked += clicked;
    } else this.pending.positions.set(key, { slot: list.slot, explored: list.explored, position, bucket, shown, clicked });
  }

  private addSearch(query: string, bucket: number, d: { searches: number; zeroResults: number; clicked: number }): void {
    const q = normaliseQuery(query);
    const key = `${q}\u0000${bucket}`;
    const row = this.pending.searches.get(key);
    if (row) {
      row.searches += d.searches;
      row.zeroResults += d.zeroResults;
      row.clicked += d.clicked;
    } else this.pending.searches.set(key, { query: q, bucket, ...d });
  }
}

const KIND_KEYS: Record<RewardRow['kind'], string> = { explicit: 'kind:explicit', window: 'kind:window', 'cross-session': 'kind:cross-session', unmatched: 'kind:unmatched' };

/** What one reward adds at the list level: does the list now have a click, a cart add, a purchase; its revenue. */
function addListReward(c: LoopCounts, r: RewardRow): void {
  const first = r.firstForList ? 1 : 0;
  if (r.type === 'click') {
    c.clicks += 1;
    c.clickedLists += first;
  } else if (r.type === 'add_to_cart') {
    c.carts += 1;
    c.cartedLists += first;
  } else {
    // Bounded again here: catch-up replays reward rows stored before the price ceiling, and one
    // Infinity (x 0 = NaN) in these sums failed every roll-up write, the engine's start included.
    const value = boundedValue(r.value);
    const before = boundedValue(r.listValueBefore, MAX_LIST_VALUE);
    c.orders += 1;
    c.units += r.quantity;
    c.purchasedLists += first;
    c.revenue += value;
    // (before + value)^2 - before^2: how much the list's squared revenue moves.
    c.revenueSqLists += 2 * before * value + value * value;
    c.orderValueSq += value * value;
  }
}

function addItemReward(c: LoopCounts, r: RewardRow): void {
  if (!r.firstForItem) return;
  if (r.type === 'click') c.clickedItems += 1;
  else if (r.type === 'add_to_cart') c.cartedItems += 1;
  else c.purchasedItems += 1;
}
