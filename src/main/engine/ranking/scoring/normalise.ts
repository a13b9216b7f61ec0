import { CHANNELS, type Channel, type ChannelScores } from '../../../../shared/contract/recommendations';

export type Normalisation = 'minMax' | 'rank' | 'none';

/**
 * Min-max to [0, 1] over this list. When every value is the same the channel cannot order the
 * list; the values are then only clamped to [0, 1], so an already-normal score keeps its level.
 */
export function minMaxNormalise(values: readonly number[]): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  return values.map((v) => {
    if (!Number.isFinite(v)) return 0;
    if (!(range > 0)) return Math.min(1, Math.max(0, v));
    return (v - min) / range;
  });
}

/**
 * Rank-based: the best value gets 1, the worst 0, evenly spaced between; ties share their mean
 * rank. Robust to outliers and to channels on different scales. A single value gets 1.
 */
export function rankNormalise(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return [];
  if (n === 1) return [1];
  const order = values.map((v, i) => ({ v: Number.isFinite(v) ? v : -Infinity, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && (order[end + 1] as { v: number }).v === (order[start] as { v: number }).v) end++;
    const meanRank = (start + end) / 2;
    for (let j = start; j <= end; j++) out[(order[j] as { i: number }).i] = meanRank / (n - 1);
    start = end + 1;
  }
  return out;
}

function normalise(values: readonly number[], how: Normalisation): number[] {
  if (how === 'minMax') return minMaxNormalise(values);
  if (how === 'rank') return rankNormalise(values);
  return [...values];
}

/** Normalises each channel across one list of raw scores; channels not named are left as they are. */
export function normaliseChannels(rows: readonly Readonly<ChannelScores>[], methods: Partial<Record<Channel, Normalisation>>): ChannelScores[] {
  const out = rows.map((r) => ({ ...r }));
  for (const c of CHANNELS) {
    const how = methods[c];
    if (how === undefined || how === 'none') continue;
    const column = normalise(
      rows.map((r) => r[c]),
      how,
    );
    column.forEach((v, i) => ((out[i] as ChannelScores)[c] = v));
  }
  return out;
}
