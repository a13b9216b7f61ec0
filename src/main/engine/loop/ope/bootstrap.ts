import { performance } from 'node:perf_hooks';
import { seededRandom } from '../../ranking/intent/seeded-random';
import type { ListStatistic } from './list-statistic';
import { nextTurn } from '../../workers/time-slices';

export interface BootstrapOptions {
  /** Resamples (default 200). */
  readonly replicates?: number;
  /** Seeds the block assignment and the resampling (default 1): the same log gives the same interval. */
  readonly seed?: number;
  /** Two-sided coverage of the percentile interval (default 0.95). */
  readonly level?: number;
  /**
   * Lists are dealt at random into at most this many blocks of equal size (±1), and blocks are
   * resampled with replacement (default 500; below that every list is its own block, the plain
   * bootstrap over lists). Blocks of iid lists are iid, so this is the same bootstrap at a cost per
   * replicate that does not grow with the log.
   */
  readonly maxBlocks?: number;
  /** Work between yields to the event loop, in ms (default 8). */
  readonly sliceMs?: number;
}

export interface BootstrapResult {
  /** The statistic over every list once. */
  readonly point: (number | null)[];
  /** Percentile interval per output (null when fewer than half the replicates defined it). */
  readonly low: (number | null)[];
  readonly high: (number | null)[];
  readonly replicates: number;
  readonly blocks: number;
}

/** Seeded percentile bootstrap of a list statistic, resampling lists (in blocks for large logs). Yields to the event loop as it goes. */
export async function bootstrap(lists: number, statistic: ListStatistic, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const replicates = Math.max(0, Math.floor(options.replicates ?? 200));
  const level = options.level ?? 0.95;
  const sliceMs = options.sliceMs ?? 8;
  const random = seededRandom(options.seed ?? 1);
  const L = statistic.length;
  const G = Math.max(1, Math.min(lists, Math.floor(options.maxBlocks ?? 500)));
  // Deal the lists into blocks: a seeded permutation, then round-robin.
  const order = new Int32Array(lists);
  for (let i = 0; i < lists; i++) order[i] = i;
  for (let i = lists - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const blockSums = new Float64Array(G * L);
  const blockLists = new Float64Array(G);
  let started = performance.now();
  for (let r = 0; r < lists; r++) {
    const b = r % G;
    statistic.add(order[r] as number, blockSums, b * L);
    blockLists[b] = (blockLists[b] as number) + 1;
    if ((r & 1023) === 1023 && performance.now() - started > sliceMs) {
      await nextTurn();
      started = performance.now();
    }
  }
  const total = new Float64Array(L);
  for (let b = 0; b < G; b++) for (let c = 0; c < L; c++) total[c] = (total[c] as number) + (blockSums[b * L + c] as number);
  const point = lists > 0 ? statistic.value(total, 0, lists) : new Array<number | null>(statistic.outputs).fill(null);

  const draws: number[][] = Array.from({ length: statistic.outputs }, () => []);
  const sums = new Float64Array(L);
  for (let rep = 0; rep < replicates && lists > 0; rep++) {
    sums.fill(0);
    let n = 0;
    for (let g = 0; g < G; g++) {
      const b = Math.floor(random() * G);
      n += blockLists[b] as number;
      const base = b * L;
      for (let c = 0; c < L; c++) sums[c] = (sums[c] as number) + (blockSums[base + c] as number);
    }
    const v = statistic.value(sums, 0, n);
    v.forEach((x, o) => {
      if (x !== null && Number.isFinite(x)) (draws[o] as number[]).push(x);
    });
    if (performance.now() - started > sliceMs) {
      await nextTurn();
      started = performance.now();
    }
  }
  const alpha = (1 - level) / 2;
  const low: (number | null)[] = [];
  const high: (number | null)[] = [];
  for (const d of draws) {
    if (replicates === 0 || d.length < replicates / 2) {
      low.push(null);
      high.push(null);
      continue;
    }
    d.sort((a, b) => a - b);
    low.push(quantile(d, alpha));
    high.push(quantile(d, 1 - alpha));
  }
  return { point, low, high, replicates, blocks: G };
}

/** Linear-interpolation quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (at - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
