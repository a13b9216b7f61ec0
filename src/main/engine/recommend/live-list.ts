import type { ExplorationSettings, RankedOutcome, RankOptions } from '../ranking';
import { candidateFeatures, catalogCandidate, rankCandidates } from '../ranking';
import type { ServingIntentModel } from '../finetune/serving-intent-model';
import type { LexicalHit, LexicalPlan, RetrievalService, ScoredItem, SearchFilters } from '../retrieval';
import type { VisualVectors } from '../visual';
import type { AnnCache } from './ann-cache';
import { CandidatePool } from './candidate-pool';
import type { ItemCache } from './item-cache';
import { scorePool } from './list-ranking';
import { annKey, DEPTH, recommendCandidates } from './recommend-candidates';
import type { ShopperState } from './shopper-state';

/**
 * Everything a live list is ranked from once the engine has read its stores: the shopper's state,
 * what proposes candidates, and the resolved ranking (weights, active rules, diversity,
 * exploration). Plain data, so a serving worker can rank it exactly as the engine's thread would.
 */
export interface LiveListRequest {
  readonly kind: 'recommend' | 'search';
  readonly state: ShopperState;
  /** The shopper whose ANN neighbours may be cached and reused (null: no cache). */
  readonly cacheShopper: string | null;
  /** Search: the query, its embedding (null without the text encoder) and filters. */
  readonly query: string | null;
  readonly queryVector: Float32Array | null;
  readonly filters?: SearchFilters;
  /** Search: the query rewritten on the engine's thread (synonyms, typo corrections). */
  readonly plan?: LexicalPlan;
  /** Search: the keyword half, searched on the engine's thread while the query was embedded (not searched again). */
  readonly keywordHits?: readonly LexicalHit[];
  /**
   * Search sorted by price or time: the keyword-matched items first in that order (`MatchedFacets.topMatched`),
   * read on the engine's thread. The list is drawn from them alone, with the hybrid search's evidence where it has some.
   */
  readonly sortedMatches?: readonly string[];
  /** A collection's list: its items (read on the engine's thread), the only candidates. */
  readonly collectionMembers?: readonly string[];
  readonly ranking: Omit<RankOptions, 'lookupItem' | 'exploration'>;
  /** The slot's exploration budget (null: a what-if or unexplored list). */
  readonly exploration: ExplorationSettings | null;
  /** The intent's nearest items as the engine's thread already knows them (its ANN cache): not searched again. */
  readonly annHits?: readonly ScoredItem[];
}

/** A ranked live list, and the intent's nearest items when they were searched for it (for the engine's ANN cache). */
export type RankedLiveList = RankedOutcome & { annHits?: ScoredItem[] };

/** A live list's ranking as the log needs it (what filters removed and pins that found no place are not part of a live reply). */
export type LiveOutcome = Omit<RankedLiveList, 'removed' | 'unplacedPins'>;

/** What ranking a live list reads besides the request: the retrieval replica, the catalogue, image vectors, the ANN cache. */
export interface LiveListDeps {
  readonly retrieval: RetrievalService;
  readonly items: ItemCache;
  readonly visual: VisualVectors;
  readonly ann: AnnCache;
}

/**
 * Candidates -> channel scores -> the pure ranking (rules, diversity, exploration, explanation) ->
 * the considered items' features. Logs nothing: the engine's thread logs the outcome.
 */
export function rankLiveList(req: LiveListRequest, learned: ServingIntentModel | undefined, deps: LiveListDeps, random: () => number): RankedLiveList {
  // The engine's thread and each serving worker keep an ANN cache; the request brings the engine's
  // hits and the outcome returns new ones, so a shopper whose lists move between threads is not
  // searched for again on each.
  const cached = req.kind === 'recommend' && req.cacheShopper ? { ann: deps.ann, shopperId: req.cacheShopper, key: annKey(req.state, deps.retrieval) } : undefined;
  if (cached && req.annHits) deps.ann.set(cached.shopperId, cached.key, req.state.now, [...req.annHits]);
  const known = cached && req.state.intent.vector ? deps.ann.get(cached.shopperId, cached.key, req.state.now) : undefined;
  const pool = req.kind === 'search'
    ? sortedPool(searchPool(deps.retrieval, req.query ?? '', req.queryVector ?? undefined, req.filters, req.plan, req.keywordHits), req.sortedMatches)
    : collectionPool(recommendCandidates(deps.retrieval, req.state, cached, learned), req.collectionMembers, req.state);
  const searched = cached && req.state.intent.vector && !known ? deps.ann.get(cached.shopperId, cached.key, req.state.now) : undefined;
  const candidates = scorePool(pool, req.state, deps);
  const outcome = rankCandidates(candidates, {
    ...req.ranking,
    lookupItem: (id) => {
      const item = deps.items.get(id);
      return item ? catalogCandidate(item) : undefined;
    },
    ...(req.exploration ? { exploration: { settings: req.exploration, random } } : {}),
  });
  return { items: outcome.items, removed: outcome.removed, unplacedPins: outcome.unplacedPins, exploration: outcome.exploration, features: candidateFeatures(outcome.considered), ...(searched ? { annHits: searched } : {}) };
}

/**
 * A sorted search's candidates: the matched items given (every one matches the query by keyword),
 * each with the hybrid pool's sources and relevance when the pool has it, else as a keyword match of
 * relevance 0 (deeper than the hybrid search reads). Without them, the pool as it is.
 */
function sortedPool(pool: CandidatePool, sortedMatches: readonly string[] | undefined): CandidatePool {
  if (sortedMatches === undefined || sortedMatches.length === 0) return pool;
  const sorted = new CandidatePool();
  for (const itemId of sortedMatches) {
    const entry = pool.entries.get(itemId);
    if (entry) sorted.entries.set(itemId, entry);
    else sorted.add(itemId, 'lexical', { relevance: 0 });
  }
  return sorted;
}

/**
 * A collection's candidates: every item of the collection, each with the evidence the usual sources
 * found for it (nearest to the intent, seen next, popular, trending), else as a 'collection' item
 * that scoring reads from its vector and the catalogue-wide signals. Bought items stay out, as in
 * any recommendation list. Without members, the pool as it is.
 */
function collectionPool(pool: CandidatePool, members: readonly string[] | undefined, state: ShopperState): CandidatePool {
  if (members === undefined) return pool;
  const bought = new Set(state.events.filter((e) => e.type === 'purchase' && e.itemId).map((e) => e.itemId));
  const inCollection = new CandidatePool();
  for (const itemId of members) {
    if (bought.has(itemId)) continue;
    const entry = pool.entries.get(itemId);
    if (entry) inCollection.entries.set(itemId, entry);
    else inCollection.add(itemId, 'collection');
  }
  return inCollection;
}

/** A search's candidates: keyword and semantic hits fused, each with the sources that found it. */
export function searchPool(retrieval: RetrievalService, query: string, queryVector: Float32Array | undefined, filters?: SearchFilters, plan?: LexicalPlan, keywordHits?: readonly LexicalHit[]): CandidatePool {
  const pool = new CandidatePool();
  for (const hit of retrieval.searchHybrid(query, queryVector, DEPTH.search, filters, plan, keywordHits)) {
    const source = hit.lexicalRank !== null && hit.semanticRank !== null ? 'lexical+semantic' : hit.lexicalRank !== null ? 'lexical' : 'semantic';
    pool.add(hit.itemId, source, { relevance: hit.score });
  }
  return pool;
}
