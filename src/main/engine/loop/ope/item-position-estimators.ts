import type { ListStatistic } from './list-statistic';
import type { RewardModel } from './reward-model';
import type { OpeDataset } from './ope-dataset';

/**
 * Item-position inverse propensity scoring: the target's value is
 *   V = 1/N sum_i sum_k w_ik r_ik,   w_ik = 1[target shows the logged item at slot k] / p_ik,
 * one output per outcome (each an array of per-slot rewards). Unbiased (before clipping) when a
 * slot's reward depends only on the item there and the context, and every target choice has p > 0.
 */
export function ipsStatistic(d: OpeDataset, weight: Float64Array, outcomes: readonly Float64Array[]): ListStatistic {
  const O = outcomes.length;
  return {
    length: O,
    outputs: O,
    add(i, out, offset) {
      for (let s = d.windowStart[i] as number; s < (d.windowStart[i + 1] as number); s++) {
        const w = weight[s] as number;
        if (w === 0) continue;
        for (let o = 0; o < O; o++) out[offset + o] = (out[offset + o] as number) + w * ((outcomes[o] as Float64Array)[s] as number);
      }
    },
    value(sums, offset, lists) {
      return Array.from({ length: O }, (_, o) => (lists > 0 ? (sums[offset + o] as number) / lists : null));
    },
  };
}

/**
 * Self-normalised IPS, per window slot: V = sum_k (sum_i w_ik r_ik / sum_i w_ik) x (share of lists
 * with a slot k). Each slot's weights average 1 in expectation, so dividing by their observed sum
 * trades a small bias (O(1/N)) for a lower variance, and keeps the estimate within the range of the
 * observed rewards; undefined (null) when some slot saw none of the target's choices.
 */
export function snipsStatistic(d: OpeDataset, weight: Float64Array, outcomes: readonly Float64Array[]): ListStatistic {
  const O = outcomes.length;
  let M = 0;
  for (let i = 0; i < d.lists; i++) M = Math.max(M, (d.windowStart[i + 1] as number) - (d.windowStart[i] as number));
  const stride = 2 + O;
  return {
    length: M * stride,
    outputs: O,
    add(i, out, offset) {
      const w0 = d.windowStart[i] as number;
      const m = (d.windowStart[i + 1] as number) - w0;
      for (let k = 0; k < m; k++) {
        const s = w0 + k;
        const at = offset + k * stride;
        const w = weight[s] as number;
        out[at] = (out[at] as number) + w;
        out[at + 1] = (out[at + 1] as number) + 1;
        if (w === 0) continue;
        for (let o = 0; o < O; o++) out[at + 2 + o] = (out[at + 2 + o] as number) + w * ((outcomes[o] as Float64Array)[s] as number);
      }
    },
    value(sums, offset, lists) {
      const v = new Array<number | null>(O).fill(0);
      for (let k = 0; k < M; k++) {
        const at = offset + k * stride;
        const den = sums[at] as number;
        const has = sums[at + 1] as number;
        if (has === 0) continue;
        for (let o = 0; o < O; o++) {
          const prev = v[o];
          v[o] = prev === null || prev === undefined || !(den > 0) ? null : prev + ((sums[at + 2 + o] as number) / den) * (has / lists);
        }
      }
      return v;
    },
  };
}

/**
 * Doubly robust: the reward model's prediction for the target's window, corrected by the
 * importance-weighted residual of what the log saw:
 *   V = 1/N sum_i sum_k [ q(target item, k) + w_ik (r_ik - q(logged item, k)) ].
 * Unbiased like IPS whatever the model (the propensities are exact); the better the model, the
 * smaller the variance (reward-model.ts).
 */
export function drStatistic(d: OpeDataset, weight: Float64Array, target: Int32Array, outcomes: readonly Float64Array[], model: Pick<RewardModel, 'predictAll'>): ListStatistic {
  const O = outcomes.length;
  const q = new Float64Array(O);
  return {
    length: O,
    outputs: O,
    // Computed as the list is added (the bootstrap adds each list once), not in a pass of its own.
    add(i, out, offset) {
      const p0 = d.poolStart[i] as number;
      for (let s = d.windowStart[i] as number; s < (d.windowStart[i + 1] as number); s++) {
        const t = target[s] as number;
        if (t >= 0) {
          model.predictAll(p0 + t, s, q);
          for (let o = 0; o < O; o++) out[offset + o] = (out[offset + o] as number) + (q[o] as number);
        }
        const w = weight[s] as number;
        if (w === 0) continue;
        model.predictAll(p0 + (d.shownPool[s] as number), s, q);
        for (let o = 0; o < O; o++) out[offset + o] = (out[offset + o] as number) + w * (((outcomes[o] as Float64Array)[s] as number) - (q[o] as number));
      }
    },
    value(sums, offset, lists) {
      return Array.from({ length: O }, (_, o) => (lists > 0 ? (sums[offset + o] as number) / lists : null));
    },
  };
}

/**
 * Serving's on-policy mean: the window's outcomes over the lists that kept the ranked order. Only
 * serving's own when the dataset holds serving's lists alone: the log reader leaves experiment arms'
 * lists out (log-reader.ts), since an arm's unshuffled lists show the arm's ranking, not serving's.
 */
export function servingStatistic(d: OpeDataset, outcomes: readonly Float64Array[]): ListStatistic {
  const O = outcomes.length;
  return {
    length: 1 + O,
    outputs: O,
    add(i, out, offset) {
      if (d.shuffled[i] === 1) return;
      out[offset] = (out[offset] as number) + 1;
      for (let s = d.windowStart[i] as number; s < (d.windowStart[i + 1] as number); s++) {
        for (let o = 0; o < O; o++) out[offset + 1 + o] = (out[offset + 1 + o] as number) + ((outcomes[o] as Float64Array)[s] as number);
      }
    },
    value(sums, offset) {
      const n = sums[offset] as number;
      return Array.from({ length: O }, (_, o) => (n > 0 ? (sums[offset + 1 + o] as number) / n : null));
    },
  };
}
