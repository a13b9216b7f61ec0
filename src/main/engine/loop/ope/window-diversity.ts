import type { DiversityOptions } from '../../ranking';

/** The scores relevance is min-max normalised between. */
export interface RelevanceRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The engine's `diversify` (ranking/diversity) for lists whose items carry only a category, on
 * indices and category codes instead of candidate objects: MMR with same-category similarity
 * (relevance min-max normalised over the MMR pool), then the per-category cap. Same picks, same
 * order, same tie-breaking (the ranked order) as the engine's; test/main/engine/loop/ope checks
 * the two agree. MMR picks are made only as far as the cap needs them, with scratch buffers reused
 * across calls, which makes it many times faster when a target is arranged for 100k lists.
 *
 * `ranked` are item indices best first, `score` and `category` (-1: none) are indexed by item.
 * `range`, when given, replaces the MMR pool's own lowest and highest score in the normalisation (the
 * target arrangement passes the range over the target's own best candidates, context included).
 */
export function diversifyIndices(ranked: readonly number[], score: ArrayLike<number>, category: ArrayLike<number>, count: number, options: DiversityOptions, range?: RelevanceRange): number[] {
  const lambda = options.mmrLambda;
  const cap = options.maxPerCategory;
  if (cap !== undefined && !(cap >= 1)) throw new RangeError(`maxPerCategory must be at least 1, got ${cap}`);
  const mmr = lambda !== undefined && lambda < 1;
  if (mmr && !(lambda >= 0)) throw new RangeError(`MMR lambda must be in [0, 1], got ${lambda}`);
  const poolLength = mmr ? Math.min(ranked.length, Math.max(count, options.poolSize ?? Math.max(40, 3 * count))) : 0;
  // Without a cap, MMR itself picks `count`; with one, the engine orders the whole MMR pool, then the rest of the ranking, and caps that order.
  const mmrCount = cap === undefined ? Math.min(count, poolLength) : poolLength;
  const picker = mmr ? new MmrPicker(ranked, poolLength, score, category, lambda as number, range) : undefined;
  const out: number[] = [];
  const waiting: number[] = [];
  const seen = new Map<number, number>();
  const total = mmr ? (cap === undefined ? mmrCount : ranked.length) : ranked.length;
  for (let r = 0; r < total && out.length < count; r++) {
    const item = picker && r < mmrCount ? picker.next() : (ranked[r] as number);
    if (cap === undefined) {
      out.push(item);
      continue;
    }
    const c = category[item] as number;
    const n = c < 0 ? 0 : (seen.get(c) ?? 0);
    if (c >= 0 && n >= cap) {
      waiting.push(item);
      continue;
    }
    if (c >= 0) seen.set(c, n + 1);
    out.push(item);
  }
  for (const item of waiting) {
    if (out.length >= count) break;
    out.push(item);
  }
  return out;
}

let scratchValue = new Float64Array(64);
let scratchLocal = new Int32Array(64);
let scratchTaken = new Uint8Array(64);
let scratchPicked = new Uint8Array(64);

/** Maximal marginal relevance over the first `poolLength` ranked items, one pick at a time: lambda x relevance - (1 - lambda) x [an item of its category is picked]. */
class MmrPicker {
  private readonly penalty: number;
  private readonly distinct: number[] = [];

  constructor(
    private readonly ranked: readonly number[],
    private readonly poolLength: number,
    score: ArrayLike<number>,
    category: ArrayLike<number>,
    lambda: number,
    range: RelevanceRange | undefined,
  ) {
    if (scratchValue.length < poolLength) {
      scratchValue = new Float64Array(2 * poolLength);
      scratchLocal = new Int32Array(2 * poolLength);
      scratchTaken = new Uint8Array(2 * poolLength);
      scratchPicked = new Uint8Array(2 * poolLength);
    }
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let p = 0; p < poolLength; p++) {
      const s = score[ranked[p] as number] as number;
      if (s < min) min = s;
      if (s > max) max = s;
    }
    if (range) {
      min = range.min;
      max = range.max;
    }
    const span = max - min > 0 ? max - min : 1;
    for (let p = 0; p < poolLength; p++) {
      const i = ranked[p] as number;
      scratchValue[p] = lambda * (((score[i] as number) - min) / span);
      scratchTaken[p] = 0;
      // Categories renumbered 0.. within the pool, so "an item of this category is picked" is one lookup.
      const c = category[i] as number;
      if (c < 0) scratchLocal[p] = -1;
      else {
        let at = this.distinct.indexOf(c);
        if (at < 0) at = this.distinct.push(c) - 1;
        scratchLocal[p] = at;
      }
    }
    scratchPicked.fill(0, 0, this.distinct.length);
    this.penalty = 1 - lambda;
  }

  next(): number {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let p = 0; p < this.poolLength; p++) {
      if (scratchTaken[p] === 1) continue;
      const c = scratchLocal[p] as number;
      const v = c >= 0 && scratchPicked[c] === 1 ? (scratchValue[p] as number) - this.penalty : (scratchValue[p] as number);
      if (v > bestValue) {
        bestValue = v;
        best = p;
      }
    }
    scratchTaken[best] = 1;
    const c = scratchLocal[best] as number;
    if (c >= 0) scratchPicked[c] = 1;
    return this.ranked[best] as number;
  }
}
