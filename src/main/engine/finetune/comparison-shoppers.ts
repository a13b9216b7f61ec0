import { createHash } from 'node:crypto';
import type { TokenEvents } from '../training/data/session-events';
import type { StoreTrainingData } from './store-training-data';

/** Share of the window's shoppers held out of training for the before/after comparison. */
export const COMPARISON_SHARE = 0.1;
/**
 * Fewer comparison shoppers than this and the comparison is skipped: NDCG@10 of a few dozen cases
 * moves by several hundredths from one shopper more or less, so a difference would mean nothing.
 */
export const COMPARISON_MIN = 30;
/** At most this many: enough for a stable figure, without taking more training data than that. */
export const COMPARISON_MAX = 2000;
/** Never more than this share of the shoppers, even to reach `COMPARISON_MIN`. */
const COMPARISON_MAX_SHARE = 0.25;
/** Names how comparison shoppers are picked; registered with each version, so a comparison can tell whether the serving version held out the same. */
export const COMPARISON_SCHEME = 'shopper-sha256-v1';

/** Sequences and their event types and gaps, aligned. */
export interface SequenceSet {
  sequences: Int32Array[];
  tokenEvents: TokenEvents[];
}

/**
 * A run's data split by shopper: `training` goes to the worker (validated phase and refit alike);
 * `comparison` never does, and both versions are scored on it. `comparison` is null when the
 * window has too few shoppers, with the reason in `skipped` (then every shopper trains).
 */
export interface ComparisonSplit {
  training: SequenceSet;
  comparison: SequenceSet | null;
  /** The comparison shoppers, sorted (what a resumed run checks it rebuilds). */
  shoppers: string[];
  skipped?: string;
}

/** A shopper's fixed place in the hold-out order: the same id always sorts the same way. */
function rank(shopperId: string): string {
  return createHash('sha256').update(`instinct-comparison:${shopperId}`).digest('hex');
}

/** How many shoppers a window of `n` holds out: 10 %, at least 30 and at most 2,000; 0 when 30 would exceed a quarter of them. */
export function comparisonSize(n: number): number {
  const k = Math.min(COMPARISON_MAX, Math.max(COMPARISON_MIN, Math.ceil(n * COMPARISON_SHARE)));
  return k > n * COMPARISON_MAX_SHARE ? 0 : k;
}

/**
 * Holds out the shoppers whose hashed id sorts first (10 % of the window's shoppers, 30 to 2,000).
 * Deterministic in the set of shoppers, so a resumed run rebuilds the same split; and a shopper's
 * place does not depend on the window, so successive versions hold out mostly the same shoppers
 * (the serving version did not train on them either).
 */
export function splitComparisonShoppers(data: Pick<StoreTrainingData, 'sequences' | 'tokenEvents' | 'shopperIds'>): ComparisonSplit {
  const n = data.sequences.length;
  const k = comparisonSize(n);
  const all: SequenceSet = { sequences: data.sequences, tokenEvents: data.tokenEvents };
  if (k === 0) {
    return { training: all, comparison: null, shoppers: [], skipped: `only ${n} shoppers with two or more item events in the window: holding out ${COMPARISON_MIN} for the before/after comparison would take more than a quarter of them, so every shopper trains and there is no comparison` };
  }
  const ranks = data.shopperIds.map(rank);
  const order = ranks.map((_, i) => i).sort((a, b) => (ranks[a]! < ranks[b]! ? -1 : ranks[a]! > ranks[b]! ? 1 : 0));
  const held = new Set(order.slice(0, k));
  const pick = (keep: boolean): SequenceSet => {
    const idx = data.sequences.flatMap((_, i) => (held.has(i) === keep ? [i] : []));
    return { sequences: idx.map((i) => data.sequences[i]!), tokenEvents: data.tokenEvents.length === n ? idx.map((i) => data.tokenEvents[i]!) : [] };
  };
  return { training: pick(false), comparison: pick(true), shoppers: [...held].map((i) => data.shopperIds[i]!).sort() };
}
