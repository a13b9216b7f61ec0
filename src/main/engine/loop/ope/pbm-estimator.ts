import { examinationStatistic, relativeExamination } from './examination';
import { WeightTracker, type WeightSummary } from './importance-weights';
import type { ListStatistic } from './list-statistic';
import { poolSizeOf, type OpeDataset } from './ope-dataset';

/** Lists that share an exploration rate, a pool size and a window share the position-based weights. */
interface WindowKind {
  readonly rate: number;
  readonly poolSize: number;
  readonly positions: readonly number[];
}

/**
 * The position-based-model IPS (slate) estimator. Under the position-based model an item a shown at
 * position p earns theta_p e(a) in expectation, so the reward a list's window earned from item a
 * wherever it was shown, divided by sum_k P(logging shows a at slot k) theta_k and multiplied by
 * theta at the slot the target gives a, is unbiased for what a earns in the target's window:
 *   V = 1/N sum_i sum_{a shown} r_i(a) x theta_{t(a)} / ((1 - rate) 1[a in the ranked window] theta_{det(a)} + rate / |pool| sum_k theta_k)
 * (0 for items the target does not place). It credits an item seen anywhere in the window, so its
 * weights are far smaller than item-position IPS's. Theta is the examination curve estimated from
 * the same log's shuffled lists, re-estimated in every bootstrap replicate so the interval carries
 * its uncertainty. The weights are cut at `clip` (counted in `pbmWeightSummary`).
 */
export function pbmStatistic(d: OpeDataset, target: Int32Array, outcomes: readonly Float64Array[], clip: number): ListStatistic {
  const O = outcomes.length;
  const kinds: WindowKind[] = [];
  const kindIndex = new Map<string, number>();
  let M = 0;
  let P = 1;
  for (let i = 0; i < d.lists; i++) M = Math.max(M, (d.windowStart[i + 1] as number) - (d.windowStart[i] as number));
  for (const p of d.windowPosition) P = Math.max(P, p);
  const K = M * (M + 1);
  // Each list's window kind; lists almost always share one, so compare with the previous list's before building a key.
  const kindOf = new Int32Array(d.lists);
  let lastKind = -1;
  for (let i = 0; i < d.lists; i++) {
    const w0 = d.windowStart[i] as number;
    const m = (d.windowStart[i + 1] as number) - w0;
    const n = poolSizeOf(d, i);
    let kind = lastKind;
    const previous = kinds[lastKind];
    if (!previous || previous.rate !== d.rate[i] || previous.poolSize !== n || previous.positions.length !== m || previous.positions.some((p, k) => p !== d.windowPosition[w0 + k])) {
      const positions = Array.from(d.windowPosition.subarray(w0, w0 + m));
      const signature = `${d.rate[i]}|${n}|${positions.join(',')}`;
      kind = kindIndex.get(signature) ?? -1;
      if (kind < 0) {
        kind = kinds.length;
        kinds.push({ rate: d.rate[i] as number, poolSize: n, positions });
        kindIndex.set(signature, kind);
      }
      lastKind = kind;
    }
    kindOf[i] = kind;
  }
  let targetSlot = new Int32Array(64);
  const exam = examinationStatistic(d, P);
  const base = exam.length;
  return {
    length: base + kinds.length * K * O,
    outputs: O,
    add(i, out, offset) {
      exam.add(i, out, offset);
      // Which (window kind, target slot, ranked slot) each shown item falls under: the target's slot for each pool item first.
      const w0 = d.windowStart[i] as number;
      const m = (d.windowStart[i + 1] as number) - w0;
      const n = poolSizeOf(d, i);
      if (targetSlot.length < n) targetSlot = new Int32Array(2 * n);
      targetSlot.fill(-1, 0, n);
      for (let k = 0; k < m; k++) {
        const t = target[w0 + k] as number;
        if (t >= 0) targetSlot[t] = k;
      }
      const kindBase = (kindOf[i] as number) * K;
      for (let j = 0; j < m; j++) {
        const s = w0 + j;
        const a = d.shownPool[s] as number;
        const t = targetSlot[a] as number;
        if (t < 0) continue;
        const at = offset + base + (kindBase + t * (M + 1) + (a < m ? a + 1 : 0)) * O;
        for (let o = 0; o < O; o++) out[at + o] = (out[at + o] as number) + ((outcomes[o] as Float64Array)[s] as number);
      }
    },
    value(sums, offset, lists) {
      const theta = relativeExamination(sums, offset, P, exam.firstPosition);
      const v = new Array<number | null>(O).fill(0);
      for (let kind = 0; kind < kinds.length; kind++) {
        const w = kinds[kind] as WindowKind;
        const th = w.positions.map((p) => theta[p - 1] as number);
        if (th.some((x) => Number.isNaN(x))) return new Array<number | null>(O).fill(null);
        const spread = (w.rate / w.poolSize) * th.reduce((a, b) => a + b, 0);
        for (let t = 0; t < w.positions.length; t++) {
          for (let det = 0; det <= w.positions.length; det++) {
            const at = offset + base + (kind * K + t * (M + 1) + det) * O;
            const denominator = (det > 0 ? (1 - w.rate) * (th[det - 1] as number) : 0) + spread;
            const weight = Math.min(clip, (th[t] as number) / denominator);
            for (let o = 0; o < O; o++) v[o] = (v[o] as number) + weight * (sums[at + o] as number);
          }
        }
      }
      return v.map((x) => (lists > 0 && x !== null ? x / lists : null));
    },
  };
}

/** The position-based estimator's weights at the point estimate of theta (by list position), for ESS and clipping. */
export function pbmWeightSummary(d: OpeDataset, target: Int32Array, theta: (position: number) => number, clip: number): WeightSummary {
  const tracker = new WeightTracker(clip);
  let shown = new Uint8Array(64);
  for (let i = 0; i < d.lists; i++) {
    const w0 = d.windowStart[i] as number;
    const m = (d.windowStart[i + 1] as number) - w0;
    const rate = d.rate[i] as number;
    const n = poolSizeOf(d, i);
    let total = 0;
    for (let k = 0; k < m; k++) total += theta(d.windowPosition[w0 + k] as number);
    if (shown.length < n) shown = new Uint8Array(2 * n);
    shown.fill(0, 0, n);
    for (let j = 0; j < m; j++) shown[d.shownPool[w0 + j] as number] = 1;
    for (let k = 0; k < m; k++) {
      const a = target[w0 + k] as number;
      if (a < 0 || shown[a] !== 1) {
        tracker.add(k, 0);
        continue;
      }
      const denominator = (a < m ? (1 - rate) * theta(d.windowPosition[w0 + a] as number) : 0) + (rate / n) * total;
      tracker.add(k, theta(d.windowPosition[w0 + k] as number) / denominator);
    }
  }
  return tracker.summary();
}
