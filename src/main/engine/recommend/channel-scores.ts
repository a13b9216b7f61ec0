import type { ChannelScores, StoredItem } from '../../../shared/contract';
import { priceFit, type PriceBand } from '../ranking';
import type { PoolEntry } from './candidate-pool';

/** What scoring knows about the request: the shopper's intent and the catalogue-wide signals. */
export interface ScoringContext {
  intent: Float32Array | null;
  vectorOf(itemId: string): Float32Array | undefined;
  popularityOf(itemId: string): number;
  maxPopularity: number;
  trending: ReadonlyMap<string, number>;
  priceBand: PriceBand | undefined;
  purchaseProbability: number;
  /** Items in the session's cart now, and how often each item was viewed. */
  cart: ReadonlySet<string>;
  views: ReadonlyMap<string, number>;
  maxCoVisit: number;
  maxRelevance: number;
  /** Search lists: how much the session intent re-ranks the query's relevance. */
  intentShareInSearch: number;
  visualIntent: Float32Array | null;
  /** A promoted intent model serves: the text channel carries its scores instead of the text intent's cosine. */
  learnedServes: boolean;
  visualScore(intent: Float32Array | null, itemId: string): number;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Each channel as a score in [0, 1]; the fusion weights decide how they add up. Visual is 0
 * until image vectors are imported (or computed) for the catalogue.
 */
export function channelScores(entry: PoolEntry, item: StoredItem, ctx: ScoringContext): ChannelScores {
  let intentSimilarity = entry.similarity;
  if (intentSimilarity === undefined && ctx.intent) {
    const v = ctx.vectorOf(entry.itemId);
    if (v) intentSimilarity = dot(ctx.intent, v);
  }
  const similarity = Math.max(0, intentSimilarity ?? 0);
  const text = ctx.learnedServes && entry.relevance === undefined
    ? (entry.learned ?? 0)
    : entry.relevance !== undefined
      ? (1 - ctx.intentShareInSearch) * (entry.relevance / ctx.maxRelevance) + ctx.intentShareInSearch * similarity
      : similarity;
  const inCart = ctx.cart.has(entry.itemId) ? 1 : 0;
  const viewedTwice = (ctx.views.get(entry.itemId) ?? 0) >= 2 ? 0.5 : 0;
  return {
    text,
    visual: ctx.visualScore(ctx.visualIntent, entry.itemId),
    behaviour: entry.coVisit !== undefined && ctx.maxCoVisit > 0 ? entry.coVisit / ctx.maxCoVisit : 0,
    popularity: ctx.maxPopularity > 0 ? ctx.popularityOf(entry.itemId) / ctx.maxPopularity : 0,
    recency: ctx.trending.get(entry.itemId) ?? 0,
    priceFit: priceFit(item.price, ctx.priceBand),
    purchaseIntent: ctx.purchaseProbability * Math.max(inCart, viewedTwice),
  };
}
