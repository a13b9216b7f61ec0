import type { LoopCounts } from '../../../../shared/contract';
import { addCounts, emptyCounts } from '../metrics/loop-counts';
import { HOUR_MS } from '../metrics/rollup-keys';

/** One arm's counts in one roll-up hour (`bucket` is the hour's start). */
export interface HourCounts {
  key: string;
  bucket: number;
  counts: LoopCounts;
}

/**
 * The arms' counts split into periods of fixed shares, each period's counts in arm order (the
 * order of `keys`).
 *
 * Why: a bandit moves the shares while the base rates drift (conversion falls over the day), so an
 * arm's counts pooled over the whole experiment weight the hours by that arm's own share, and
 * arm − control then mixes the arm effect with the drift (Simpson's paradox). Within a period of
 * fixed shares both arms see the same hours in the same proportion, so their difference there
 * estimates the arm effect alone.
 *
 * The roll-ups are hourly, so periods are made of whole hours: the hours between two allocation
 * changes form one period, and an hour in which the shares changed (`allocations` after the first,
 * which is the start) is a period of its own; within it the drift is only that hour's. Fixed shares
 * (an A/B test, or a bandit that never moved) give one period.
 */
export function allocationPeriods(rows: readonly HourCounts[], keys: readonly string[], allocations: readonly { t: number }[]): LoopCounts[][] {
  const changes = allocations.slice(1).map((a) => a.t).sort((a, b) => a - b);
  const arm = new Map(keys.map((k, i) => [k, i]));
  const periods = new Map<string, LoopCounts[]>();
  // One sweep over hours and changes together (a bandit may have a change a minute for weeks).
  let before = 0;
  for (const row of [...rows].sort((a, b) => a.bucket - b.bucket)) {
    const i = arm.get(row.key);
    if (i === undefined) continue;
    while (before < changes.length && (changes[before] as number) <= row.bucket) before++;
    const next = changes[before];
    // 'h<bucket>': an hour in which the shares changed; 'p<n>': an hour inside the n-th run of fixed shares.
    const period = next !== undefined && next < row.bucket + HOUR_MS ? `h${row.bucket}` : `p${before}`;
    let counts = periods.get(period);
    if (!counts) periods.set(period, (counts = keys.map(() => emptyCounts())));
    addCounts(counts[i] as LoopCounts, row.counts);
  }
  // Map keeps insertion order, which is the hours' order.
  return [...periods.values()];
}
