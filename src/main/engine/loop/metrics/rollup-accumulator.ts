import type { LoopCounts } from '../../../../shared/contract';
import type { ServedList } from '../../ranking';
import type { RewardRow } from '../attribution/reward-log';
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

type CountDelta = Partial<LoopCounts>;

/** Deltas a list adds when served, and those its rewards add, folded into pending roll-up rows. */
export class RollupAccumulator {
  pending: PendingRollups = emptyPending();

  /** A list was served: one more list under each of its dimensions, and its items at their positions. */
  addList(list: ServedList): void {
    const bucket = hourOf(list.createdAt);
    const all: CountDelta = { lists: 1, items: list.items.length };
    for (const d of listDims(list)) this.addMetric(d, list.slot, bucket, all);
    for (const rule of listRules(list)) {
      const items = list.items.filter((i) => i.ruleIds.includes(rule)).length;
      this.addMetric({ dim: 'rule', value: rule }, list.slot, bucket, { lists: 1, items });
    }
    for (const item of list.items) this.addPosition(list, item.position, bucket, 1, 0);
    if (list.slot === 'search' && list.query !== null) this.addSearch(list.query, bucket, { searches: 1, zeroResults: list.items.length === 0 ? 1 : 0, clicked: 0 });
    this.pending.lastListRowid = Math.max(this.pending.lastListRowid, list.rowid);
  }

  /** A committed reward (with its list when attributed). */
  addReward(reward: RewardRow, list: ServedList | undefined): void {
    this.countAttribution(reward);
    this.pending.lastRewardSeq = Math.max(this.pending.lastRewardSeq, reward.seq);
    if (!list || reward.kind === 'unmatched') return;
    const bucket = hourOf(list.createdAt);
    const { listDelta, itemDelta } = rewardDeltas(reward);
    for (const d of listDims(list)) this.addMetric(d, list.slot, bucket, listDelta, itemDelta);
    const itemRules = new Set(list.items.find((i) => i.itemId === reward.itemId)?.ruleIds ?? []);
    for (const rule of listRules(list)) this.addMetric({ dim: 'rule', value: rule }, list.slot, bucket, listDelta, itemRules.has(rule) ? itemDelta : {});
    if (reward.type === 'click' && reward.firstForItem && reward.position !== null) this.addPosition(list, reward.position, bucket, 0, 1);
    if (reward.type === 'click' && reward.firstForList && list.slot === 'search' && list.query !== null) this.addSearch(list.query, bucket, { searches: 0, zeroResults: 0, clicked: 1 });
  }

  addDuplicates(n: number): void {
    if (n > 0) this.bump('duplicates', n);
  }

  /** Hands the pending deltas over (to be written) and starts afresh. */
  take(): PendingRollups {
    const taken = this.pending;
    this.pending = emptyPending();
    return taken;
  }

  get empty(): boolean {
    const p = this.pending;
    return p.metrics.size === 0 && p.positions.size === 0 && p.searches.size === 0 && p.attribution.size === 0 && p.lastListRowid === 0 && p.lastRewardSeq === 0;
  }

  private countAttribution(r: RewardRow): void {
    this.bump('rewards', 1);
    this.bump(`kind:${r.kind}`, 1);
    if (r.reason !== null) this.bump(`reason:${r.reason}`, 1);
    if (r.late) this.bump('late', 1);
    if (r.outOfOrder) this.bump('out-of-order', 1);
    if (r.kind !== 'unmatched' && !r.firstForItem) this.bump('repeats', 1);
  }

  private bump(key: string, n: number): void {
    this.pending.attribution.set(key, (this.pending.attribution.get(key) ?? 0) + n);
  }

  private addMetric(d: DimValue, slot: string, bucket: number, ...deltas: CountDelta[]): void {
    const key = `${d.dim}\u0000${d.value}\u0000${slot}\u0000${bucket}`;
    let row = this.pending.metrics.get(key);
    if (!row) {
      row = { dim: d.dim, value: d.value, slot, bucket, counts: emptyCounts() };
      this.pending.metrics.set(key, row);
    }
    for (const delta of deltas) for (const [f, v] of Object.entries(delta) as [keyof LoopCounts, number][]) row.counts[f] += v;
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

/**
 * What one reward adds: list-level counters (does the list now have a click, a cart add, a
 * purchase; its revenue and the change in its squared revenue) and item-level counters.
 */
export function rewardDeltas(r: RewardRow): { listDelta: CountDelta; itemDelta: CountDelta } {
  const first = (b: boolean): number => (b ? 1 : 0);
  switch (r.type) {
    case 'click':
      return { listDelta: { clicks: 1, clickedLists: first(r.firstForList) }, itemDelta: { clickedItems: first(r.firstForItem) } };
    case 'add_to_cart':
      return { listDelta: { carts: 1, cartedLists: first(r.firstForList) }, itemDelta: { cartedItems: first(r.firstForItem) } };
    case 'purchase':
      return {
        listDelta: {
          orders: 1,
          units: r.quantity,
          purchasedLists: first(r.firstForList),
          revenue: r.value,
          // (before + value)^2 - before^2: the list's squared revenue moves by this much.
          revenueSqLists: 2 * r.listValueBefore * r.value + r.value * r.value,
          orderValueSq: r.value * r.value,
        },
        itemDelta: { purchasedItems: first(r.firstForItem) },
      };
  }
}
