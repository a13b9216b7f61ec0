import type { SampledSoftmaxLoss } from './loss-config';

/**
 * Logit offset of a column that is no row's negative (only some rows' target): exp underflows to
 * 0. Finite, so 0 · MASKED stays 0 in the ONNX graph.
 */
export const MASKED = -1e30;

/** One batch's candidates: the columns every row of the batch is scored against. */
export interface CandidateSet {
  /** Distinct catalogue items, one per column. */
  items: Int32Array;
  /**
   * Added to a column's logit for every row whose target it is not: log(count in the sample) −
   * log(expected count) with log-Q correction, log(count) without; MASKED when the item was not
   * drawn as anyone's negative. A row's own target column gets no offset (its raw logit), and
   * the target's other occurrences among the negatives are thereby masked (accidental hits).
   */
  correction: Float32Array;
  /** Each row's target column. */
  targets: Int32Array;
}

/** How often each item is a training target (the second and later items of each sequence). */
export function targetCounts(sequences: readonly Int32Array[], numItems: number): Float64Array {
  const counts = new Float64Array(numItems);
  for (const s of sequences) for (let t = 1; t < s.length; t += 1) counts[s[t]!] = counts[s[t]!]! + 1;
  return counts;
}

/**
 * Draws a sampled softmax's negatives for one batch and their log-Q corrections. The proposal for
 * drawn negatives is q(j) = (1 − p) / N + p · c_j / C (p = `popularityShare`, c the target counts);
 * with `inBatch` the batch's R targets are R more draws from c / C (a row's own target excepted,
 * so R − 1 for any one row). A column's expected count is E_j = K q(j) + (R − 1) c_j / C and its
 * count in the sample m_j; Σ over the drawn negatives of exp(o_j) / E_j is then an unbiased
 * estimate of the sum of exp(o_j) over every non-target item (multiple importance sampling with
 * the balance heuristic), which is what `correction` = log m_j − log E_j does to the softmax.
 */
export class NegativeSampler {
  private readonly cumulative: Float64Array;
  private readonly total: number;
  /** Item → column within the batch being built (−1 = none); reset after each batch. */
  private readonly column: Int32Array;

  constructor(
    readonly config: SampledSoftmaxLoss,
    private readonly counts: Float64Array,
  ) {
    this.cumulative = new Float64Array(counts.length);
    let sum = 0;
    for (let i = 0; i < counts.length; i += 1) {
      sum += counts[i]!;
      this.cumulative[i] = sum;
    }
    this.total = sum;
    this.column = new Int32Array(counts.length).fill(-1);
    if (config.popularityShare > 0 && this.total === 0) throw new Error('popularity-sampled negatives need target counts');
  }

  get numItems(): number {
    return this.counts.length;
  }

  /** The proposal's probability of drawing item j (one draw). */
  proposal(j: number): number {
    const p = this.config.popularityShare;
    return (1 - p) / this.counts.length + (p > 0 ? (p * this.counts[j]!) / this.total : 0);
  }

  /** One draw from the proposal. */
  private draw(random: () => number): number {
    const n = this.counts.length;
    if (random() >= this.config.popularityShare) return Math.min(n - 1, Math.floor(random() * n));
    const u = random() * this.total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The batch's candidates for these row targets, with `config.negatives` fresh draws. */
  candidates(targets: Int32Array, random: () => number): CandidateSet {
    const { negatives: k, inBatch, logQ } = this.config;
    const rows = targets.length;
    const items: number[] = [];
    const counts: number[] = [];
    const columnOf = (item: number): number => {
      let c = this.column[item]!;
      if (c < 0) {
        c = items.length;
        this.column[item] = c;
        items.push(item);
        counts.push(0);
      }
      return c;
    };
    const targetCols = new Int32Array(rows);
    for (let r = 0; r < rows; r += 1) {
      const c = columnOf(targets[r]!);
      targetCols[r] = c;
      if (inBatch) counts[c] = counts[c]! + 1;
    }
    for (let s = 0; s < k; s += 1) {
      const c = columnOf(this.draw(random));
      counts[c] = counts[c]! + 1;
    }
    const correction = new Float32Array(items.length);
    const inBatchDraws = inBatch ? Math.max(0, rows - 1) : 0;
    for (let c = 0; c < items.length; c += 1) {
      const j = items[c]!;
      const m = counts[c]!;
      const expected = k * this.proposal(j) + (inBatchDraws > 0 && this.total > 0 ? (inBatchDraws * this.counts[j]!) / this.total : 0);
      correction[c] = m === 0 || expected <= 0 ? MASKED : logQ ? Math.log(m) - Math.log(expected) : Math.log(m);
      this.column[j] = -1;
    }
    return { items: Int32Array.from(items), correction, targets: targetCols };
  }

  /** The repeat term's (row, item) pairs as (row, column) pairs of `set` (items not in it are not scored). */
  candidatePairs(pairs: Int32Array, set: CandidateSet): Int32Array {
    set.items.forEach((item, c) => (this.column[item] = c));
    const out: number[] = [];
    for (let p = 0; p < pairs.length; p += 2) {
      const c = this.column[pairs[p + 1]!]!;
      if (c >= 0) out.push(pairs[p]!, c);
    }
    for (const item of set.items) this.column[item] = -1;
    return Int32Array.from(out);
  }
}
