import type { ExaminationCurve } from '../../../../shared/contract';
import { bootstrap, type BootstrapOptions } from './bootstrap';
import type { ListStatistic } from './list-statistic';
import type { OpeDataset } from './ope-dataset';

/**
 * Clicks and impressions per list position over the shuffled lists' windows (sums 2 x maxPosition:
 * shown then clicked). In a shuffled window every pool item is equally likely at every position,
 * so the mean attractiveness is the same at each, and CTR_k / CTR_first = theta_k / theta_first
 * under the position-based model: the examination curve relative to the window's first position.
 */
export function examinationStatistic(d: OpeDataset, maxPosition: number): ListStatistic & { readonly firstPosition: number } {
  let first = Number.POSITIVE_INFINITY;
  for (const p of d.windowPosition) first = Math.min(first, p);
  const P = maxPosition;
  return {
    firstPosition: first,
    length: 2 * P,
    outputs: P,
    add(i, out, offset) {
      if (d.shuffled[i] !== 1) return;
      for (let s = d.windowStart[i] as number; s < (d.windowStart[i + 1] as number); s++) {
        const p = d.windowPosition[s] as number;
        if (p > P) continue;
        out[offset + p - 1] = (out[offset + p - 1] as number) + 1;
        out[offset + P + p - 1] = (out[offset + P + p - 1] as number) + Math.min(1, d.clicks[s] as number);
      }
    },
    value(sums, offset) {
      return Array.from(relativeExamination(sums, offset, P, first), (x) => (Number.isNaN(x) ? null : x));
    },
  };
}

/** theta_p / theta_first per position 1..P from shown/clicked sums (index p - 1); NaN where a position has no shuffled impressions. */
export function relativeExamination(sums: Float64Array, offset: number, P: number, firstPosition: number): Float64Array {
  const out = new Float64Array(P).fill(Number.NaN);
  if (!(firstPosition >= 1 && firstPosition <= P)) return out;
  const shownFirst = sums[offset + firstPosition - 1] as number;
  const ctrFirst = shownFirst > 0 ? (sums[offset + P + firstPosition - 1] as number) / shownFirst : 0;
  if (!(ctrFirst > 0)) return out;
  for (let p = 1; p <= P; p++) {
    const shown = sums[offset + p - 1] as number;
    if (shown > 0) out[p - 1] = (sums[offset + P + p - 1] as number) / shown / ctrFirst;
  }
  return out;
}

/** The examination curve of a slot from its shuffled lists, with seeded bootstrap intervals (ope.examination). */
export async function estimateExamination(d: OpeDataset, maxPosition: number, options: BootstrapOptions = {}): Promise<ExaminationCurve> {
  const stat = examinationStatistic(d, maxPosition);
  const shown = new Float64Array(2 * maxPosition);
  for (let i = 0; i < d.lists; i++) stat.add(i, shown, 0);
  const result = await bootstrap(d.lists, stat, options);
  let shuffledLists = 0;
  for (const s of d.shuffled) shuffledLists += s;
  return {
    slot: d.slot,
    lists: shuffledLists,
    points: Array.from({ length: maxPosition }, (_, k) => ({
      position: k + 1,
      examination: result.point[k] ?? null,
      low: result.low[k] ?? null,
      high: result.high[k] ?? null,
      shown: shown[k] as number,
      clicked: shown[maxPosition + k] as number,
    })),
  };
}
