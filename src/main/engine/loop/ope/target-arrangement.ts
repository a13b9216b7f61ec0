import { CHANNELS, type ChannelScores } from '../../../../shared/contract';
import { diversify, FEATURES_PER_ITEM, type DiversityOptions, type RuledCandidate } from '../../ranking';
import { poolSizeOf, type OpeDataset } from './ope-dataset';
import type { ListContext, ScoringPolicy } from './scoring-policy';

export interface ArrangementOptions {
  /** The diversity the slot's lists get (the engine's: MMR by category and a per-category cap); default none. */
  readonly diversity?: DiversityOptions;
  /** Lists arranged per chunk before yielding to the event loop (default 5,000). */
  readonly chunkSize?: number;
}

const ZERO: ChannelScores = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as ChannelScores;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The window a target policy would choose from each logged pool: pool items ranked by the
 * policy's score (ties keep the pool's order), then the engine's own diversity step
 * (`diversify`: MMR by category, then the per-category cap) for the window's size. Returns, per
 * window slot of the dataset, the pool index (within its list) the target shows there.
 *
 * Simplifications, documented in docs/OFF_POLICY.md: the target chooses among the logged pool
 * only (items beyond it were never logged, so no estimate can credit them); MMR normalises
 * relevance over the pool rather than over the engine's top 40 candidates; items shown outside the
 * window (pins, positions above it) do not count towards the category cap.
 */
export async function arrangeTarget(d: OpeDataset, policy: ScoringPolicy, options: ArrangementOptions = {}): Promise<Int32Array> {
  const out = new Int32Array(d.shownPool.length);
  const chunk = Math.max(1, options.chunkSize ?? 5000);
  for (let start = 0; start < d.lists; start += chunk) {
    arrangeLists(d, policy, out, start, Math.min(d.lists, start + chunk), options.diversity);
    if (start + chunk < d.lists) await yieldToLoop();
  }
  return out;
}

/** The synchronous core of arrangeTarget for lists [from, to). */
export function arrangeLists(d: OpeDataset, policy: ScoringPolicy, out: Int32Array, from: number, to: number, diversity: DiversityOptions = {}): void {
  const diversified = diversity.mmrLambda !== undefined || diversity.maxPerCategory !== undefined;
  for (let i = from; i < to; i++) {
    const p0 = d.poolStart[i] as number;
    const n = poolSizeOf(d, i);
    const w0 = d.windowStart[i] as number;
    const m = (d.windowStart[i + 1] as number) - w0;
    const context: ListContext = { slot: d.slot, purchaseIntent: d.purchaseIntent[i] as number, coldStart: d.coldStart[i] === 1 };
    const scores = new Float64Array(n);
    for (let j = 0; j < n; j++) scores[j] = policy.score(d.features.subarray((p0 + j) * FEATURES_PER_ITEM, (p0 + j + 1) * FEATURES_PER_ITEM), context);
    const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    let chosen: number[];
    if (diversified) {
      const ranked = order.map((j): RuledCandidate & { poolIndex: number } => {
        const code = d.poolCategory[p0 + j] as number;
        return {
          poolIndex: j,
          candidate: { itemId: String(j), title: '', sources: [], scores: ZERO, ...(code >= 0 ? { category: d.categories[code] } : {}) },
          contributions: ZERO,
          fused: scores[j] as number,
          rules: [],
          score: scores[j] as number,
        };
      });
      chosen = diversify(ranked, m, diversity).map((r) => (r as RuledCandidate & { poolIndex: number }).poolIndex);
    } else chosen = order.slice(0, m);
    for (let k = 0; k < m; k++) out[w0 + k] = chosen[k] ?? -1;
  }
}
