import type { ChannelScores, FusionWeights, RankedList, Rule, StoredItem } from '../../../shared/contract';
import type { Ranker, RankingCandidate, ServingPolicy } from '../ranking';
import type { RetrievalService } from '../retrieval';
import type { VisualVectors } from '../visual';
import type { CandidatePool, PoolEntry } from './candidate-pool';
import { channelScores, type ScoringContext } from './channel-scores';
import type { ItemCache } from './item-cache';
import { DEPTH } from './recommend-candidates';
import { listSegments } from './shopper-segments';
import type { ShopperState } from './shopper-state';

export interface ListRequest {
  slot: string;
  k: number;
  query: string | null;
  startedAt: number;
  shopperId: string | null;
  sessionId: string | null;
  modelVersion: string;
  /** Rank with these weights and log nothing (replays and tuning previews). */
  whatIf?: { weights: FusionWeights; now: number; rules?: readonly Rule[] };
  /** An experiment arm's policy; default: the weights and rules in force. */
  serving?: ServingPolicy;
  /** Rules from the shopper's own events (after-purchase.ts). */
  shopperRules?: readonly Rule[];
}

export interface ListDeps {
  retrieval: RetrievalService;
  items: ItemCache;
  ranker: Ranker;
  visual: VisualVectors;
}

/** Every pooled candidate with its channel scores: everything about a list that does not depend on the weights. */
export function scorePool(pool: CandidatePool, state: ShopperState, deps: Pick<ListDeps, 'retrieval' | 'items' | 'visual'>): RankingCandidate[] {
  const { retrieval } = deps;
  const current = state.intent.currentSessionId;
  const cart = new Set<string>();
  const views = new Map<string, number>();
  for (const e of state.events) {
    if (!e.itemId || e.sessionId !== current) continue;
    if (e.type === 'add_to_cart') cart.add(e.itemId);
    if (e.type === 'remove_from_cart' || e.type === 'purchase') cart.delete(e.itemId);
    if (e.type === 'view') views.set(e.itemId, (views.get(e.itemId) ?? 0) + 1);
  }
  const trendingList = retrieval.trending(DEPTH.trending);
  const topTrend = trendingList[0]?.score ?? 0;
  const entries = [...pool.entries.values()];
  const engaged = state.intent.evidence.filter((e) => e.itemId !== null && e.weight > 0);
  const ctx: ScoringContext = {
    intent: state.intent.vector,
    vectorOf: (id) => retrieval.index.vectorView(id),
    popularityOf: (id) => retrieval.popularityOf(id),
    maxPopularity: retrieval.popular(1)[0]?.score ?? 0,
    trending: new Map(trendingList.map((t) => [t.itemId, topTrend > 0 ? t.score / topTrend : 0])),
    priceBand: state.intent.priceBand ?? undefined,
    purchaseProbability: state.purchase,
    cart,
    views,
    maxCoVisit: largest(entries, (e) => e.coVisit, 0),
    maxRelevance: largest(entries, (e) => e.relevance, 1e-9),
    intentShareInSearch: state.intent.vector ? 0.3 : 0,
    // The session's look: mean image vector of what it engaged with (null without image vectors).
    visualIntent: engaged.length ? deps.visual.sessionVisualIntent(engaged.map((e) => e.itemId!), engaged.map((e) => e.weight)) : null,
    visualScore: (intent, itemId) => deps.visual.score(intent, itemId),
    learnedServes: entries.some((e) => e.learned !== undefined),
  };
  const candidates: RankingCandidate[] = [];
  for (const entry of entries) {
    const item = deps.items.get(entry.itemId);
    // No vector on the candidate: diversity compares categories, which costs microseconds where 384-d MMR costs about a millisecond.
    if (item) candidates.push(scoredCandidate(item, entry.sources, channelScores(entry, item, ctx)));
  }
  return candidates;
}

/** The largest defined value of `of` over the entries, and at least `floor`. */
function largest(entries: readonly PoolEntry[], of: (e: PoolEntry) => number | undefined, floor: number): number {
  let max = floor;
  for (const e of entries) {
    const v = of(e);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** A catalogue item as a candidate with its channel scores (catalogCandidate's fields, built once: this runs for every candidate of every list). */
function scoredCandidate(item: StoredItem, sources: string[], scores: ChannelScores): RankingCandidate {
  const candidate: { -readonly [K in keyof RankingCandidate]: RankingCandidate[K] } = { itemId: item.itemId, title: item.title, sources, scores };
  if (item.brand !== undefined) candidate.brand = item.brand;
  if (item.category !== undefined) candidate.category = item.category;
  if (item.price !== undefined) candidate.price = item.price;
  if (item.attributes !== undefined) candidate.attributes = item.attributes;
  candidate.inStock = item.inStock;
  candidate.updatedAt = item.updatedAt;
  return candidate;
}

/** Weights, rules, diversity, explanation and (unless what-if) the impression row. */
export function rankScored(candidates: readonly RankingCandidate[], state: ShopperState, req: ListRequest, deps: Pick<ListDeps, 'ranker'>): RankedList {
  const current = state.intent.currentSessionId;
  const { removed: _removed, unplacedPins: _unplaced, ...list } = deps.ranker.rank({
    candidates,
    slot: req.slot,
    k: req.k,
    shopperId: req.shopperId,
    sessionId: req.sessionId ?? current,
    query: req.query,
    // Replays know the built-in segments from the events; a request's own segments are not logged.
    segments: listSegments(state, req.sessionId),
    coldStart: state.events.length === 0,
    purchaseIntent: state.purchase,
    modelVersion: req.modelVersion,
    startedAt: req.startedAt,
    ...(req.whatIf ? { whatIf: req.whatIf } : {}),
    ...(req.serving ? { serving: req.serving } : {}),
    ...(req.shopperRules ? { shopperRules: req.shopperRules } : {}),
    // A search asks for one kind of thing: only recommendation slots are diversified.
    ...(req.query !== null ? { diversity: {} } : {}),
  });
  return list;
}
