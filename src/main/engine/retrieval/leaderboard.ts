/** One kept key and its value. */
export interface LeaderboardEntry {
  readonly key: string;
  readonly value: number;
}

/** Best first: the higher value, then the smaller key. */
function before(a: LeaderboardEntry, b: LeaderboardEntry): boolean {
  return a.value > b.value || (a.value === b.value && a.key < b.key);
}

/**
 * The `size` keys with the highest values (decayed counts in landmark units). A key enters when it
 * beats the weakest kept key, so the board is always the exact top `size`; a kept key's new value
 * moves it within the board.
 *
 * The board is kept in order as it changes (a binary search and an array move per change, no
 * sort), because it changes with every event while lists read it on every request: re-sorting
 * 1,000 keys after each event cost about half a millisecond of a list's time.
 */
export class Leaderboard {
  private readonly values = new Map<string, number>();
  /** Every kept key, best first. */
  private order: LeaderboardEntry[] = [];

  constructor(readonly size: number) {}

  offer(key: string, value: number): void {
    const old = this.values.get(key);
    if (old !== undefined) {
      if (old === value) return;
      this.order.splice(this.indexOf({ key, value: old }), 1);
    } else if (this.order.length >= this.size) {
      const weakest = this.order[this.order.length - 1];
      if (weakest === undefined || value <= weakest.value) return;
      this.order.pop();
      this.values.delete(weakest.key);
    }
    const entry = { key, value };
    this.values.set(key, value);
    this.order.splice(this.insertionPoint(entry), 0, entry);
  }

  /** Best first (a snapshot: later offers do not change it). */
  sorted(): readonly LeaderboardEntry[] {
    return this.order.slice();
  }

  /** The best `k`, best first. */
  top(k: number): readonly LeaderboardEntry[] {
    return this.order.slice(0, Math.max(0, k));
  }

  scale(factor: number): void {
    for (const [k, v] of this.values) this.values.set(k, v * factor);
    // Rounding can make two values equal (or unequal) that were not: sort once, as the order is defined.
    this.order = [...this.values].map(([key, value]) => ({ key, value })).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  clear(): void {
    this.values.clear();
    this.order = [];
  }

  /** Where a kept entry is (it is there: the order is total, so the search lands on it). */
  private indexOf(entry: LeaderboardEntry): number {
    const at = this.insertionPoint(entry);
    if (this.order[at]?.key !== entry.key) throw new Error(`leaderboard: ${entry.key} is not where its value puts it`);
    return at;
  }

  /** The first position whose entry does not come before `entry`. */
  private insertionPoint(entry: LeaderboardEntry): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this.order[mid]!, entry)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
