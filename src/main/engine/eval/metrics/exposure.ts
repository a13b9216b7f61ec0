/**
 * Beyond-accuracy figures over the top-K lists a model shows: how much of the catalogue it ever
 * recommends, how mainstream its picks are, and how often it gives a slot to a rarely seen item.
 */
export interface ExposureSummary {
  /** Share of catalogue items that appear in at least one top-K list. */
  coverage: number;
  /** Mean popularity percentile (0 = least, 1 = most popular in training) of recommended items. */
  popularityPercentile: number;
  /** Share of recommended slots given to cold items (at most `coldMaxCount` training interactions). */
  coldExposure: number;
}

export class ExposureTracker {
  private readonly shown: Uint8Array;
  private readonly percentile: Float64Array;
  private readonly cold: Uint8Array;
  private slots = 0;
  private percentileSum = 0;
  private coldSlots = 0;

  constructor(itemCounts: ArrayLike<number>, coldMaxCount: number) {
    const n = itemCounts.length;
    this.shown = new Uint8Array(n);
    this.percentile = popularityPercentiles(itemCounts);
    this.cold = Uint8Array.from({ length: n }, (_, i) => ((itemCounts[i] as number) <= coldMaxCount ? 1 : 0));
  }

  add(recommended: ArrayLike<number>): void {
    for (let i = 0; i < recommended.length; i += 1) {
      const item = recommended[i] as number;
      this.shown[item] = 1;
      this.slots += 1;
      this.percentileSum += this.percentile[item] as number;
      this.coldSlots += this.cold[item] as number;
    }
  }

  summary(): ExposureSummary {
    let covered = 0;
    for (const s of this.shown) covered += s;
    const n = this.shown.length;
    return {
      coverage: n === 0 ? 0 : covered / n,
      popularityPercentile: this.slots === 0 ? 0 : this.percentileSum / this.slots,
      coldExposure: this.slots === 0 ? 0 : this.coldSlots / this.slots,
    };
  }
}

/**
 * Mid-rank percentile of each item's count among all items: tied items share the middle of their
 * block, so a catalogue where every item is equally popular scores 0.5, not 0 or 1.
 */
export function popularityPercentiles(itemCounts: ArrayLike<number>): Float64Array {
  const n = itemCounts.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (itemCounts[a] as number) - (itemCounts[b] as number));
  const out = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start;
    const value = itemCounts[order[start] as number] as number;
    while (end + 1 < n && itemCounts[order[end + 1] as number] === value) end += 1;
    const mid = n === 1 ? 0.5 : (start + end) / 2 / (n - 1);
    for (let i = start; i <= end; i += 1) out[order[i] as number] = mid;
    start = end + 1;
  }
  return out;
}
