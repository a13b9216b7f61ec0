import type { ChannelScores } from '../../../../shared/contract/recommendations';

export type AttributeValue = string | number | boolean;

/** An item proposed for a list, with its raw per-channel scores (each roughly in [0, 1]). */
export interface RankingCandidate {
  readonly itemId: string;
  readonly title: string;
  readonly brand?: string;
  readonly category?: string;
  readonly price?: number;
  /** Absent means in stock. */
  readonly inStock?: boolean;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  /** When the catalogue last changed the item (a search sorted by `newest` orders by it). */
  readonly updatedAt?: number;
  /** Which candidate sources proposed it (ann, covisit, popular, trending, collection, lexical, semantic, pin). */
  readonly sources: readonly string[];
  readonly scores: Readonly<ChannelScores>;
  /** The item's vector, used by MMR for similarity; same-category is used without one. */
  readonly vector?: ArrayLike<number>;
}

/** A candidate after fusion: the sum of weight x score per channel (contributionsOf explains it). */
export interface FusedCandidate {
  readonly candidate: RankingCandidate;
  /** Sum of contributionsOf(candidate.scores, weights), in CHANNELS order. */
  readonly fused: number;
}
