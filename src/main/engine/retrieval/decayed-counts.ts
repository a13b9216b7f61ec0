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
  /** `clock.asOf(1, latestTs)`, kept for the `latestTs` it was computed at (NaN: none): every read scales by it. */
  private factorTs = Number.NaN;
  private factor = 1;

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
    return v === undefined ? 0 : v * this.readFactor();
  }

  /** The k items with the most decayed weight, best first (k is capped by the top size). */
  top(k: number): DecayedScore[] {
    const factor = this.readFactor();
    return this.board.top(k).map((e) => ({ itemId: e.key, score: e.value * factor }));
  }

  clear(): void {
    this.values.clear();
    this.board.clear();
    this.clock.reset();
    this.latestTs = -Infinity;
    this.factorTs = Number.NaN;
  }

  /** Landmark units -> decayed weight as of the newest event (the decay is the same for every value: one exp per event time, not per read). */
  private readFactor(): number {
    if (this.factorTs !== this.latestTs) {
      this.factor = this.clock.asOf(1, this.latestTs);
      this.factorTs = this.latestTs;
    }
    return this.factor;
  }

  private rebase(ts: number): void {
    this.factorTs = Number.NaN;
    const factor = this.clock.rebase(ts);
    for (const [k, v] of this.values) this.values.set(k, v * factor);
    this.board.scale(factor);
  }
}
