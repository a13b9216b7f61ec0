import type { RuledCandidate } from '../rules/ruled-candidate';
import { pairwiseSimilarity } from './item-similarity';

export interface MmrOptions {
  /** 1 = relevance only (no change), 0 = novelty only. */
  readonly lambda: number;
  /** Items already in the list (pins), which new picks should also differ from. */
  readonly alreadyShown?: readonly RuledCandidate[];
}

/**
 * Maximal marginal relevance: repeatedly picks the item maximising
 * lambda x relevance - (1 - lambda) x (its highest similarity to anything already picked),
 * where relevance is the score min-max normalised over the pool. `ranked` must be best first;
 * ties keep that order. Returns `count` items (fewer if the pool is smaller). O(count x pool).
 */
export function mmrRerank(ranked: readonly RuledCandidate[], count: number, options: MmrOptions): RuledCandidate[] {
  const { lambda } = options;
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`MMR lambda must be in [0, 1], got ${lambda}`);
  const n = Math.min(count, ranked.length);
  if (lambda === 1 || n === 0) return ranked.slice(0, n);
  let min = Infinity;
  let max = -Infinity;
  for (const r of ranked) {
    min = Math.min(min, r.score);
    max = Math.max(max, r.score);
  }
  const span = max - min > 0 ? max - min : 1;
  const relevance = ranked.map((r) => (r.score - min) / span);
  // Pinned items sit after the pool in one similarity table; maxSim[i] is candidate i's highest
  // similarity to anything picked so far, updated one pick at a time.
  const shown = options.alreadyShown ?? [];
  const sim = pairwiseSimilarity([...ranked.map((r) => r.candidate), ...shown.map((s) => s.candidate)]);
  const maxSim = new Float64Array(ranked.length);
  for (let s = 0; s < shown.length; s++) {
    for (let i = 0; i < ranked.length; i++) maxSim[i] = Math.max(maxSim[i] as number, sim(i, ranked.length + s));
  }
  const picked = new Uint8Array(ranked.length);
  const out: RuledCandidate[] = [];
  while (out.length < n) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < ranked.length; i++) {
      if (picked[i]) continue;
      const value = lambda * (relevance[i] as number) - (1 - lambda) * (maxSim[i] as number);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    picked[best] = 1;
    out.push(ranked[best] as RuledCandidate);
    for (let i = 0; i < ranked.length; i++) {
      if (!picked[i]) maxSim[i] = Math.max(maxSim[i] as number, sim(i, best));
    }
  }
  return out;
}
