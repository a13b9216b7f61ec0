import type { Database, Statement } from 'better-sqlite3';
import { servedListOf, type ImpressionRow, type ServedList } from '../../ranking';
import { emptyOutcome, type ListOutcome, type RewardType } from './list-outcome';
import { boundedValue } from './reward-value';

interface Entry {
  readonly list: ServedList;
  /** Loaded from the rewards table on first use; dropped when a batch that touched it rolls back. */
  outcome?: ListOutcome;
  /** Logged while running and never rewarded yet: its outcome is empty without asking the store. */
  fresh?: boolean;
  /** Whether it is in its shopper's time-ordered index (lists logged while running), or only cached by id. */
  readonly indexed: boolean;
}

interface ShopperLists {
  /** Oldest first. */
  readonly entries: Entry[];
  /** This shopper's own lists dropped for the per-shopper cap: memory holds theirs only from this time. */
  completeFrom: number;
}

export interface RecentListsOptions {
  /** Lists kept in memory, newest first kept (default 50,000). */
  maxLists?: number;
  /** Lists kept per shopper (default 64). */
  perShopper?: number;
}

/**
 * The lists shoppers were shown recently, by id and by shopper, so that attribution is a map lookup
 * on the ingest path. Memory is bounded; a list that is not (or no longer) in memory is read from
 * the impressions table, so nothing depends on what memory kept.
 */
export class RecentLists {
  private readonly byId = new Map<string, Entry>();
  private readonly byShopper = new Map<string, ShopperLists>();
  private readonly maxLists: number;
  private readonly perShopper: number;
  private readonly listById: Statement<[string], ImpressionRow>;
  private readonly listsOfShopper: Statement<[string, number, number], ImpressionRow>;
  private readonly rewardsOfList: Statement<[string], { item_id: string; type: string; value: number }>;
  /**
   * Every stored list created at or after this time is in memory (unless its shopper's completeFrom
   * is later): lists from before this engine started, and lists memory let go, are older.
   */
  private horizon: number;

  constructor(db: Database, options: RecentListsOptions = {}) {
    this.maxLists = options.maxLists ?? 50_000;
    this.perShopper = options.perShopper ?? 64;
    this.listById = db.prepare('SELECT rowid, * FROM impressions WHERE impression_id = ?');
    this.listsOfShopper = db.prepare('SELECT rowid, * FROM impressions WHERE shopper_id = ? AND created_at BETWEEN ? AND ? ORDER BY created_at DESC LIMIT 500');
    this.rewardsOfList = db.prepare("SELECT item_id, type, value FROM rewards WHERE impression_id = ? AND kind != 'unmatched'");
    const newest = (db.prepare('SELECT max(created_at) AS t FROM impressions').get() as { t: number | null }).t;
    this.horizon = newest === null ? Number.NEGATIVE_INFINITY : newest + 1;
  }

  /** A list was just logged. */
  add(list: ServedList): void {
    const entry: Entry = { list, fresh: true, indexed: list.shopperId !== null };
    this.remember(entry);
    if (list.shopperId === null) return;
    let lists = this.byShopper.get(list.shopperId);
    if (!lists) {
      lists = { entries: [], completeFrom: Number.NEGATIVE_INFINITY };
      this.byShopper.set(list.shopperId, lists);
    }
    const entries = lists.entries;
    let at = entries.length;
    while (at > 0 && (entries[at - 1] as Entry).list.createdAt > list.createdAt) at--;
    entries.splice(at, 0, entry);
    if (entries.length > this.perShopper) {
      const dropped = entries.shift() as Entry;
      lists.completeFrom = Math.max(lists.completeFrom, dropped.list.createdAt + 1);
    }
  }

  /** A list by id: memory, else the store. */
  get(impressionId: string): ServedList | undefined {
    return this.entry(impressionId)?.list;
  }

  /** The shopper's lists created within [from, to]. */
  forShopper(shopperId: string, from: number, to: number): ServedList[] {
    const lists = this.byShopper.get(shopperId);
    if (from >= Math.max(this.horizon, lists?.completeFrom ?? Number.NEGATIVE_INFINITY)) {
      const found: ServedList[] = [];
      if (!lists) return found;
      // Oldest first: stop at the first list past the window (this runs for every unnamed reward).
      const entries = lists.entries;
      for (let i = 0; i < entries.length; i++) {
        const list = (entries[i] as Entry).list;
        if (list.createdAt > to) break;
        if (list.createdAt >= from) found.push(list);
      }
      return found;
    }
    return this.listsOfShopper.all(shopperId, from, to).map((row) => {
      const known = this.byId.get(row.impression_id);
      if (known) return known.list;
      const entry: Entry = { list: servedListOf(row), indexed: false };
      this.remember(entry);
      return entry.list;
    });
  }

  /** What the list has earned so far (memory, else rebuilt from the rewards table). */
  outcome(list: ServedList): ListOutcome {
    let entry = this.byId.get(list.impressionId);
    if (!entry) {
      entry = { list, indexed: false };
      this.remember(entry);
    }
    if (!entry.outcome) {
      const outcome = emptyOutcome();
      if (!entry.fresh) {
        for (const r of this.rewardsOfList.all(list.impressionId)) {
          outcome[r.type as RewardType]?.add(r.item_id);
          // A reward stored before the price ceiling may hold Infinity; the list's revenue must not.
          outcome.revenue += boundedValue(r.value);
        }
      }
      entry.outcome = outcome;
      entry.fresh = false;
    }
    return entry.outcome;
  }

  /** A batch that changed these lists' outcomes rolled back: read them from the store next time. */
  forgetOutcomes(impressionIds: Iterable<string>): void {
    for (const id of impressionIds) {
      const entry = this.byId.get(id);
      if (entry) entry.outcome = undefined;
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** Drops every list of the shopper held in memory (an erasure: the store no longer has them). */
  forgetShopper(shopperId: string): void {
    this.byShopper.delete(shopperId);
    for (const [id, entry] of this.byId) if (entry.list.shopperId === shopperId) this.byId.delete(id);
  }

  private entry(impressionId: string): Entry | undefined {
    const known = this.byId.get(impressionId);
    if (known) return known;
    const row = this.listById.get(impressionId);
    if (!row) return undefined;
    const entry: Entry = { list: servedListOf(row), indexed: false };
    this.remember(entry);
    return entry;
  }

  private remember(entry: Entry): void {
    this.byId.set(entry.list.impressionId, entry);
    while (this.byId.size > this.maxLists) {
      const oldest = this.byId.values().next().value as Entry;
      this.byId.delete(oldest.list.impressionId);
      if (!oldest.indexed || oldest.list.shopperId === null) continue;
      this.horizon = Math.max(this.horizon, oldest.list.createdAt + 1);
      const lists = this.byShopper.get(oldest.list.shopperId);
      if (!lists) continue;
      const at = lists.entries.indexOf(oldest);
      if (at >= 0) lists.entries.splice(at, 1);
      if (lists.entries.length === 0) this.byShopper.delete(oldest.list.shopperId);
    }
  }
}
