import type { RuledCandidate } from '../rules/ruled-candidate';
import { capCategories } from './category-caps';
import { mmrRerank } from './mmr';

export interface DiversityOptions {
  /** MMR trade-off in [0, 1]; 1 or absent = no MMR. 0.7 is a gentle start. */
  readonly mmrLambda?: number;
  /** At most this many items of one leaf category in the list; absent = no cap. */
  readonly maxPerCategory?: number;
  /** MMR looks at this many of the best items (default max(40, 3 x count)), which bounds its cost: count x pool similarities. */
  readonly poolSize?: number;
}

/** Chooses and orders the `count` unpinned items of a list: MMR first, then category caps. Pins are passed as already shown. */
export function diversify(ranked: readonly RuledCandidate[], count: number, options: DiversityOptions, pinned: readonly RuledCandidate[] = []): RuledCandidate[] {
  let order: readonly RuledCandidate[] = ranked;
  const capping = options.maxPerCategory !== undefined;
  if (options.mmrLambda !== undefined && options.mmrLambda < 1) {
    const pool = ranked.slice(0, Math.max(count, options.poolSize ?? Math.max(40, 3 * count)));
    // With caps to apply afterwards MMR orders the whole pool, so capped items have replacements.
    order = mmrRerank(pool, capping ? pool.length : count, { lambda: options.mmrLambda, alreadyShown: pinned });
    if (capping) order = [...order, ...ranked.slice(pool.length)];
  }
  if (capping) return capCategories(order, count, options.maxPerCategory as number, pinned);
  return order.slice(0, count);
}
