import { FEATURES_PER_ITEM, type DiversityOptions } from '../../ranking';
import { poolSizeOf, type OpeDataset } from './ope-dataset';
import type { ListContext, ScoringPolicy } from './scoring-policy';
import { diversifyIndices, type RelevanceRange } from './window-diversity';
import { nextTurn } from '../../workers/time-slices';

export interface ArrangementOptions {
  /** The diversity the slot's lists get (the engine's: MMR by category and a per-category cap); default none. */
  readonly diversity?: DiversityOptions;
  /** Work between yields to the event loop, in ms (default 8). */
  readonly sliceMs?: number;
}

/**
 * The window a target policy would choose from each logged pool: pool items ranked by the
 * policy's score (ties keep the pool's order), then the engine's own diversity step (MMR by
 * category, then the per-category cap; window-diversity.ts) for the window's size. Returns, per
 * window slot of the dataset, the pool index (within its list) the target shows there (-1 if the
 * pool is too small to fill it).
 *
 * Simplifications, documented in docs/OFF_POLICY.md: the target chooses among the logged pool only
 * (items beyond it were never logged, so no estimate can credit them); MMR normalises relevance
 * over the target's own best candidates among the pool and the logged context (ownMmrPool; over the
 * pool alone for lists logged without context); items shown outside the window (pins, positions
 * above it) do not count towards the category cap.
 */
export async function arrangeTarget(d: OpeDataset, policy: ScoringPolicy, options: ArrangementOptions = {}): Promise<Int32Array> {
  const out = new Int32Array(d.shownPool.length);
  const sliceMs = options.sliceMs ?? 8;
  let started = performance.now();
  for (let start = 0; start < d.lists; start += 256) {
    arrangeLists(d, policy, out, start, Math.min(d.lists, start + 256), options.diversity);
    if (performance.now() - started > sliceMs) {
      await nextTurn();
      started = performance.now();
    }
  }
  return out;
}

/** The synchronous core of arrangeTarget for lists [from, to). */
export function arrangeLists(d: OpeDataset, policy: ScoringPolicy, out: Int32Array, from: number, to: number, diversity: DiversityOptions = {}): void {
  const diversified = (diversity.mmrLambda !== undefined && diversity.mmrLambda < 1) || diversity.maxPerCategory !== undefined;
  const item = new Float32Array(FEATURES_PER_ITEM);
  for (let i = from; i < to; i++) {
    const p0 = d.poolStart[i] as number;
    const n = poolSizeOf(d, i);
    const w0 = d.windowStart[i] as number;
    const m = (d.windowStart[i + 1] as number) - w0;
    const context: ListContext = { slot: d.slot, purchaseIntent: d.purchaseIntent[i] as number, coldStart: d.coldStart[i] === 1 };
    const scores = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      // One reused buffer per item (policies must not keep it): no allocation per score.
      const base = (p0 + j) * FEATURES_PER_ITEM;
      for (let f = 0; f < FEATURES_PER_ITEM; f++) item[f] = d.features[base + f] as number;
      scores[j] = policy.score(item, context);
    }
    const order = rankByScore(scores);
    let chosen = order;
    if (diversified) {
      const own = ownMmrPool(d, i, policy, context, scores, m, diversity, item);
      chosen = diversifyIndices(order, scores, d.poolCategory.subarray(p0, p0 + n), m, own ? { ...diversity, poolSize: own.poolItems } : diversity, own?.range);
    }
    for (let k = 0; k < m; k++) out[w0 + k] = chosen[k] ?? -1;
  }
}

/** Indices by score, highest first, ties in index order (an insertion sort: pools are a few dozen items). */
export function rankByScore(scores: Float64Array): number[] {
  const order: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    const s = scores[j] as number;
    let at = order.length;
    while (at > 0 && (scores[order[at - 1] as number] as number) < s) at--;
    order.splice(at, 0, j);
  }
  return order;
}

/**
 * The engine's MMR works on the target's own best candidates (its MMR pool: max(40, 3 x count) by
 * default) and normalises relevance between their lowest and highest score. From a logged list the
 * best guess of that pool is the target's best among the pool and the context logged after it. Returns
 * the normalisation range and how many pool items fall inside that pool (MMR picks among those first,
 * as the engine's does), or undefined when the list has no context or diversity has no MMR.
 */
function ownMmrPool(d: OpeDataset, i: number, policy: ScoringPolicy, context: ListContext, poolScores: Float64Array, count: number, diversity: DiversityOptions, item: Float32Array): { range: RelevanceRange; poolItems: number } | undefined {
  const c0 = d.contextStart[i] as number;
  const nc = (d.contextStart[i + 1] as number) - c0;
  if (nc === 0 || diversity.mmrLambda === undefined || diversity.mmrLambda >= 1) return undefined;
  const n = poolScores.length;
  const all = new Float64Array(n + nc);
  all.set(poolScores);
  for (let j = 0; j < nc; j++) {
    const base = (c0 + j) * FEATURES_PER_ITEM;
    for (let f = 0; f < FEATURES_PER_ITEM; f++) item[f] = d.contextFeatures[base + f] as number;
    all[n + j] = policy.score(item, context);
  }
  const ranked = rankByScore(all);
  const size = Math.min(ranked.length, Math.max(count, diversity.poolSize ?? Math.max(40, 3 * count)));
  let poolItems = 0;
  for (let r = 0; r < size; r++) if ((ranked[r] as number) < n) poolItems++;
  return { range: { min: all[ranked[size - 1] as number] as number, max: all[ranked[0] as number] as number }, poolItems };
}
