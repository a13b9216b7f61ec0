import { slotPropensity, type OpeDataset } from './ope-dataset';

/** How the importance weights of an estimate look: reported with every estimate. */
export interface WeightSummary {
  /** Mean over window slots of (sum w)^2 / sum w^2 across lists (clipped weights): lists' worth of on-policy data. */
  readonly effectiveSampleSize: number;
  /** Weights above the clip, cut to it. */
  readonly clipped: number;
  /** The largest weight before clipping. */
  readonly maxWeight: number;
  /** Non-zero weights (the target's choices the log observed). */
  readonly nonZero: number;
}

/**
 * Item-position importance weights, per window slot: 1[target shows the logged item at this slot] /
 * P(logging policy showed it there), cut at `clip`. The propensity is exact (explore-window.ts).
 */
export function itemPositionWeights(d: OpeDataset, target: Int32Array, clip: number): { weight: Float64Array; summary: WeightSummary } {
  const weight = new Float64Array(d.shownPool.length);
  const tracker = new WeightTracker(clip);
  for (let i = 0; i < d.lists; i++) {
    const w0 = d.windowStart[i] as number;
    const m = (d.windowStart[i + 1] as number) - w0;
    for (let k = 0; k < m; k++) {
      const s = w0 + k;
      const shown = d.shownPool[s] as number;
      const w = target[s] === shown ? 1 / slotPropensity(d, i, shown, k) : 0;
      weight[s] = tracker.add(k, w);
    }
  }
  return { weight, summary: tracker.summary() };
}

/** Accumulates weights by window slot index for the effective sample size, with clipping counted. */
export class WeightTracker {
  private readonly sum: number[] = [];
  private readonly sumSq: number[] = [];
  private clipped = 0;
  private maxWeight = 0;
  private nonZero = 0;

  constructor(private readonly clip: number) {}

  /** Records a raw weight at slot index k and returns it clipped. */
  add(k: number, raw: number): number {
    if (raw > this.maxWeight) this.maxWeight = raw;
    if (raw > 0) this.nonZero++;
    let w = raw;
    if (w > this.clip) {
      w = this.clip;
      this.clipped++;
    }
    this.sum[k] = (this.sum[k] ?? 0) + w;
    this.sumSq[k] = (this.sumSq[k] ?? 0) + w * w;
    return w;
  }

  summary(): WeightSummary {
    let ess = 0;
    let slots = 0;
    this.sum.forEach((s, k) => {
      const sq = this.sumSq[k] ?? 0;
      ess += sq > 0 ? (s * s) / sq : 0;
      slots++;
    });
    return { effectiveSampleSize: slots > 0 ? ess / slots : 0, clipped: this.clipped, maxWeight: this.maxWeight, nonZero: this.nonZero };
  }
}
