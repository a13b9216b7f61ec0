/**
 * The `size` keys with the highest values, for values that only ever grow (decayed counts in
 * landmark units). A key enters when it beats the weakest kept key, so the board is always the
 * exact top `size`; reading it sorted is cached until the next change.
 */
export class Leaderboard {
  private readonly values = new Map<string, number>();
  private minKey: string | undefined;
  private sortedCache: { key: string; value: number }[] | undefined;

  constructor(readonly size: number) {}

  offer(key: string, value: number): void {
    if (this.values.has(key)) {
      this.values.set(key, value);
      if (key === this.minKey) this.minKey = undefined;
      this.sortedCache = undefined;
      return;
    }
    if (this.values.size < this.size) {
      this.values.set(key, value);
      this.minKey = undefined;
      this.sortedCache = undefined;
      return;
    }
    const min = this.weakest();
    if (min === undefined || value <= min.value) return;
    this.values.delete(min.key);
    this.values.set(key, value);
    this.minKey = undefined;
    this.sortedCache = undefined;
  }

  /** Best first. */
  sorted(): readonly { key: string; value: number }[] {
    this.sortedCache ??= [...this.values].map(([key, value]) => ({ key, value })).sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
    return this.sortedCache;
  }

  scale(factor: number): void {
    for (const [k, v] of this.values) this.values.set(k, v * factor);
    this.sortedCache = undefined;
  }

  clear(): void {
    this.values.clear();
    this.minKey = undefined;
    this.sortedCache = undefined;
  }

  private weakest(): { key: string; value: number } | undefined {
    if (this.minKey === undefined) {
      let best: [string, number] | undefined;
      for (const entry of this.values) if (best === undefined || entry[1] < best[1]) best = entry;
      this.minKey = best?.[0];
    }
    return this.minKey === undefined ? undefined : { key: this.minKey, value: this.values.get(this.minKey)! };
  }
}
