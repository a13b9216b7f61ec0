import { DecayClock } from './decay-clock';
import { Leaderboard } from './leaderboard';

export interface DecayedScore {
  itemId: string;
  /** Decayed weight as of the newest event seen. */
  score: number;
}

/** Time-decayed weight per item with its top list kept current: O(1) per event, cheap reads. */
export class DecayedCounts {
  private readonly clock: DecayClock;
  private readonly values = new Map<string, number>();
  private readonly board: Leaderboard;
  private latestTs = -Infinity;

  constructor(halfLifeMs: number, topSize: number) {
    this.clock = new DecayClock(halfLifeMs);
    this.board = new Leaderboard(topSize);
  }

  get halfLifeMs(): number {
    return this.clock.halfLifeMs;
  }

  /** Time the scores are expressed at: the newest event seen. */
  get asOf(): number {
    return this.latestTs;
  }

  add(itemId: string, weight: number, ts: number): void {
    if (!(weight > 0) || !Number.isFinite(ts)) return;
    if (this.clock.needsRebase(ts)) this.rebase(ts);
    const value = (this.values.get(itemId) ?? 0) + this.clock.scaled(weight, ts);
    this.values.set(itemId, value);
    this.board.offer(itemId, value);
    if (ts > this.latestTs) this.latestTs = ts;
  }

  score(itemId: string): number {
    const v = this.values.get(itemId);
    return v === undefined ? 0 : this.clock.asOf(v, this.latestTs);
  }

  /** The k items with the most decayed weight, best first (k is capped by the top size). */
  top(k: number): DecayedScore[] {
    return this.board
      .sorted()
      .slice(0, Math.max(0, k))
      .map((e) => ({ itemId: e.key, score: this.clock.asOf(e.value, this.latestTs) }));
  }

  clear(): void {
    this.values.clear();
    this.board.clear();
    this.clock.reset();
    this.latestTs = -Infinity;
  }

  private rebase(ts: number): void {
    const factor = this.clock.rebase(ts);
    for (const [k, v] of this.values) this.values.set(k, v * factor);
    this.board.scale(factor);
  }
}
