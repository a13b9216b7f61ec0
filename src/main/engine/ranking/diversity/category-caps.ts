import type { RuledCandidate } from '../rules/ruled-candidate';
import { leafCategory } from './item-similarity';

/**
 * At most `maxPerCategory` items of one leaf category among the `count` returned, counting the
 * items already shown (pins). Items over the cap wait; if the pool runs out before `count`, they
 * fill the remaining places in their order, so a cap never makes a list shorter than it could be.
 * Items without a category are never capped.
 */
export function capCategories(
  ordered: readonly RuledCandidate[],
  count: number,
  maxPerCategory: number,
  alreadyShown: readonly RuledCandidate[] = [],
): RuledCandidate[] {
  if (!(maxPerCategory >= 1)) throw new RangeError(`maxPerCategory must be at least 1, got ${maxPerCategory}`);
  const seen = new Map<string, number>();
  for (const s of alreadyShown) {
    const c = leafCategory(s.candidate);
    if (c !== undefined) seen.set(c, (seen.get(c) ?? 0) + 1);
  }
  const out: RuledCandidate[] = [];
  const waiting: RuledCandidate[] = [];
  for (const item of ordered) {
    if (out.length >= count) break;
    const c = leafCategory(item.candidate);
    const n = c === undefined ? 0 : (seen.get(c) ?? 0);
    if (c !== undefined && n >= maxPerCategory) {
      waiting.push(item);
      continue;
    }
    if (c !== undefined) seen.set(c, n + 1);
    out.push(item);
  }
  for (const item of waiting) {
    if (out.length >= count) break;
    out.push(item);
  }
  return out;
}
