import { performance } from 'node:perf_hooks';
import { ContractError, type EventInput, type RankedList, type RecommendRequest, type SearchRequest } from '../../../shared/contract';
import type { PurchaseIntentModel, Ranker } from '../ranking';
import type { RetrievalService } from '../retrieval';
import type { LiveSessions, RecentEvent } from '../sessions/live-sessions';
import type { VisualVectors } from '../visual';
import { sessionIntent, type SessionIntent } from '../sessions/session-intent';
import { CandidatePool } from './candidate-pool';
import { channelScores, type ScoringContext } from './channel-scores';
import type { ItemCache } from './item-cache';
import type { QueryVectors } from './query-vectors';

export interface RecommendDeps {
  retrieval: () => RetrievalService;
  items: ItemCache;
  sessions: LiveSessions;
  ranker: Ranker;
  /** Absent while the text encoder is not loaded: search falls back to keywords. */
  queryVectors: () => QueryVectors | undefined;
  purchaseIntent: () => PurchaseIntentModel | undefined;
  ownerOfSession: (sessionId: string) => string | undefined;
  recordSearch: (event: EventInput) => void;
  /** Image vectors of the active visual model, if any were imported or computed. */
  visual: VisualVectors;
  modelVersion: () => string;
  clock?: () => number;
}

/** How many candidates each source proposes before ranking. */
const DEPTH = { ann: 150, covisit: 100, popular: 60, trending: 60, search: 200 } as const;
/** Purchase probability used before a purchase-intent model has been fitted: the demo's base rate. */
const PRIOR_PURCHASE_PROBABILITY = 0.1;

type RankedOutput = RankedList;

/**
 * Recommend and search: the shopper's live state -> intent -> candidates from every source ->
 * channel scores -> the ranker (weights, rules, diversity, explanation, impression log).
 */
export class RecommendService {
  constructor(private readonly deps: RecommendDeps) {}

  async recommend(req: RecommendRequest): Promise<RankedOutput> {
    const startedAt = performance.now();
    const who = this.resolve(req.shopperId, req.sessionId);
    const state = await this.state(who.shopperId, req.sessionId);
    const retrieval = this.deps.retrieval();
    const pool = new CandidatePool();
    if (state.intent.vector) for (const hit of retrieval.annCandidates(state.intent.vector, DEPTH.ann)) pool.add(hit.itemId, 'ann', { similarity: hit.score });
    const recentItems = [...new Set(state.events.filter((e) => e.itemId !== null).map((e) => e.itemId!).reverse())].slice(0, 5);
    if (recentItems.length) for (const hit of retrieval.coVisited(recentItems, DEPTH.covisit)) pool.add(hit.itemId, 'covisit', { coVisit: hit.score });
    for (const hit of retrieval.popular(DEPTH.popular)) pool.add(hit.itemId, 'popular');
    for (const hit of retrieval.trending(DEPTH.trending)) pool.add(hit.itemId, 'trending');
    // Bought items are not recommended again (no replenishment model yet); search still finds them.
    for (const e of state.events) if (e.type === 'purchase' && e.itemId) pool.remove(e.itemId);
    return this.rank(pool, state, { slot: req.slot, k: req.k, query: null, startedAt, ...who });
  }

  async search(req: SearchRequest): Promise<RankedOutput> {
    const startedAt = performance.now();
    const who = this.resolve(req.shopperId, req.sessionId);
    // The query is itself an intent signal: stored like any event, so the next recommend sees it.
    if (who.shopperId) this.deps.recordSearch({ type: 'search', shopperId: who.shopperId, query: req.query, ...(req.sessionId ? { sessionId: req.sessionId } : {}) });
    const queryVector = await this.deps.queryVectors()?.get(req.query);
    const state = await this.state(who.shopperId, req.sessionId);
    const pool = new CandidatePool();
    for (const hit of this.deps.retrieval().searchHybrid(req.query, queryVector, DEPTH.search, req.filters)) {
      pool.add(hit.itemId, hit.lexicalRank !== null && hit.semanticRank !== null ? 'lexical+semantic' : hit.lexicalRank !== null ? 'lexical' : 'semantic', {
        relevance: hit.score,
      });
    }
    return this.rank(pool, state, { slot: 'search', k: req.k, query: req.query, startedAt, ...who });
  }

  similar(itemId: string, k: number): { itemId: string; items: { itemId: string; title: string; similarity: number }[] } {
    if (!this.deps.items.get(itemId)) throw new ContractError('not_found', `itemId: no item ${itemId} in the catalogue`, [{ path: 'itemId', message: 'not found' }]);
    const hits = this.deps.retrieval().similar(itemId, k);
    return { itemId, items: hits.flatMap((h) => (this.deps.items.get(h.itemId) ? [{ itemId: h.itemId, title: this.deps.items.get(h.itemId)!.title, similarity: h.score }] : [])) };
  }

  private resolve(shopperId: string | undefined, sessionId: string | undefined): { shopperId: string | null; sessionId: string | null } {
    // An unknown shopper or session is not an error: it gets the cold-start list.
    const owner = shopperId ?? (sessionId !== undefined ? this.deps.ownerOfSession(sessionId) : undefined);
    return { shopperId: owner ?? null, sessionId: sessionId ?? null };
  }

  private async state(shopperId: string | null, sessionId: string | undefined): Promise<{ events: readonly RecentEvent[]; intent: SessionIntent; purchase: number }> {
    const events = shopperId ? this.deps.sessions.recent(shopperId) : [];
    const queries = this.deps.queryVectors();
    // Queries typed in this session shape the intent: embed the few newest not seen before.
    if (queries) {
      const typed = [...new Set(events.filter((e) => e.query !== null).map((e) => e.query!))].slice(-3);
      for (const q of typed) if (!queries.peek(q)) await queries.get(q);
    }
    const now = (this.deps.clock ?? Date.now)();
    const retrieval = this.deps.retrieval();
    const intent = sessionIntent(events, { itemVector: (id) => retrieval.index.vectorOf(id), queryVector: (q) => queries?.peek(q) }, { now });
    const current = sessionId ?? intent.currentSessionId;
    const model = this.deps.purchaseIntent();
    const inSession = events.filter((e) => e.sessionId === current);
    const purchase = !current || inSession.length === 0 ? 0 : model ? model.intent(current, inSession, now).probability : PRIOR_PURCHASE_PROBABILITY;
    return { events, intent, purchase };
  }

  /** The session's look: mean image vector of the items it engaged with, by event weight (null without image vectors). */
  private visualIntent(state: { events: readonly RecentEvent[]; intent: SessionIntent }): Float32Array | null {
    const engaged = state.intent.evidence.filter((e) => e.itemId !== null && e.weight > 0);
    if (engaged.length === 0) return null;
    return this.deps.visual.sessionVisualIntent(
      engaged.map((e) => e.itemId!),
      engaged.map((e) => e.weight),
    );
  }

  private rank(
    pool: CandidatePool,
    state: { events: readonly RecentEvent[]; intent: SessionIntent; purchase: number },
    req: { slot: string; k: number; query: string | null; startedAt: number; shopperId: string | null; sessionId: string | null },
  ): RankedOutput {
    const retrieval = this.deps.retrieval();
    const cart = new Set<string>();
    const views = new Map<string, number>();
    for (const e of state.events) {
      if (!e.itemId || e.sessionId !== state.intent.currentSessionId) continue;
      if (e.type === 'add_to_cart') cart.add(e.itemId);
      if (e.type === 'remove_from_cart' || e.type === 'purchase') cart.delete(e.itemId);
      if (e.type === 'view') views.set(e.itemId, (views.get(e.itemId) ?? 0) + 1);
    }
    const trendingList = retrieval.trending(DEPTH.trending);
    const topTrend = trendingList[0]?.score ?? 0;
    const entries = [...pool.entries.values()];
    const ctx: ScoringContext = {
      intent: state.intent.vector,
      vectorOf: (id) => retrieval.index.vectorOf(id),
      popularityOf: (id) => retrieval.popularityOf(id),
      maxPopularity: retrieval.popular(1)[0]?.score ?? 0,
      trending: new Map(trendingList.map((t) => [t.itemId, topTrend > 0 ? t.score / topTrend : 0])),
      priceBand: state.intent.priceBand ?? undefined,
      purchaseProbability: state.purchase,
      cart,
      views,
      maxCoVisit: Math.max(0, ...entries.map((e) => e.coVisit ?? 0)),
      maxRelevance: Math.max(1e-9, ...entries.map((e) => e.relevance ?? 0)),
      intentShareInSearch: state.intent.vector ? 0.3 : 0,
      visualIntent: this.visualIntent(state),
      visualScore: (intent, itemId) => this.deps.visual.score(intent, itemId),
    };
    const candidates = entries.flatMap((entry) => {
      const item = this.deps.items.get(entry.itemId);
      if (!item) return [];
      const vector = retrieval.index.vectorOf(entry.itemId);
      return [
        {
          itemId: item.itemId,
          title: item.title,
          ...(item.brand !== undefined ? { brand: item.brand } : {}),
          ...(item.category !== undefined ? { category: item.category } : {}),
          ...(item.price !== undefined ? { price: item.price } : {}),
          ...(item.attributes !== undefined ? { attributes: item.attributes } : {}),
          inStock: item.inStock,
          sources: [...entry.sources],
          scores: channelScores(entry, item, ctx),
          ...(vector ? { vector } : {}),
        },
      ];
    });
    const { removed: _removed, unplacedPins: _unplaced, ...list } = this.deps.ranker.rank({
      candidates,
      slot: req.slot,
      k: req.k,
      shopperId: req.shopperId,
      sessionId: req.sessionId ?? state.intent.currentSessionId,
      query: req.query,
      coldStart: state.events.length === 0,
      purchaseIntent: state.purchase,
      modelVersion: this.deps.modelVersion(),
      startedAt: req.startedAt,
    });
    return list;
  }
}
