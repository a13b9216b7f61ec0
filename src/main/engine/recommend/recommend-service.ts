import { performance } from 'node:perf_hooks';
import { ContractError, type FacetSelection, type FusionWeights, type RankedList, type RecommendRequest, type Rule, type SearchFacets, type SearchRequest, type SearchResult, type SearchSort } from '../../../shared/contract';
import { encoderText, type LexicalHit, type SearchFilters } from '../retrieval';
import { productCards, rewriteOf, singleCategory } from './search-extras';
import type { Ranker } from '../ranking';
import type { RetrievalService } from '../retrieval';
import type { RecentEvent } from '../sessions/live-sessions';
import type { VisualVectors } from '../visual';
import { AnnCache } from './ann-cache';
import { IntentCache } from './intent-cache';
import { OffloadChoice } from './offload-choice';
import type { ItemCache } from './item-cache';
import { rankScored, scorePool } from './list-ranking';
import { rankLiveList, type LiveListDeps, type LiveListRequest } from './live-list';
import { catalogCandidate, rankOptions, type RankOptions } from '../ranking';
import { beforeAfter } from '../ranking/rules/before-after';
import { isRuleActive } from '../ranking/rules/rule-activity';
import { previewRuleSets } from '../ranking/rules/preview-rule-sets';
import { redirectOf } from '../ranking/rules/redirect-of';
import type { RulePreviewResult } from '../../../shared/contract/rule-preview';
import type { z } from 'zod';
import type { RulePreviewRequest } from '../../../shared/contract/rule-preview';
import { annKey, DEPTH, recommendCandidates } from './recommend-candidates';
import type { ServingChoice } from './serving-choice';
import { embedNewQueries, queriesToEmbed, shopperState, type ShopperState } from './shopper-state';
import { afterPurchaseRules, type AfterPurchaseSettings } from './after-purchase';
import { listSegments } from './shopper-segments';
import { collectionOf } from './collection-context';
import type { PreparedReplay, RecommendDeps } from './recommend-deps';

export type { OffloadWhen, PreparedReplay, RecommendDeps } from './recommend-deps';

/** The most keyword-matched items facets count. */
export const FACET_LIMIT = 20_000;

/**
 * Recommend and search: the shopper's live state -> intent -> candidates from every source ->
 * channel scores -> the ranker (weights, rules, diversity, explanation, impression log).
 */
export class RecommendService {
  private readonly ann = new AnnCache();
  /** Where each live list is ranked (here or on a serving worker), and the counts that decide it. */
  readonly placement = new OffloadChoice();
  private readonly intents = new IntentCache();

  constructor(private readonly deps: RecommendDeps) {}

  async recommend(req: RecommendRequest): Promise<RankedList> {
    const end = this.placement.start();
    try {
      return await this.recommendNow(req);
    } finally {
      end();
    }
  }

  async search(req: SearchRequest & { facets?: FacetSelection; sort?: SearchSort; typoTolerance?: boolean }): Promise<SearchResult> {
    const end = this.placement.start();
    try {
      return await this.searchNow(req);
    } finally {
      end();
    }
  }

  private async recommendNow(req: RecommendRequest): Promise<RankedList> {
    const startedAt = performance.now();
    const who = this.resolve(req.shopperId, req.sessionId);
    const state = await this.liveState(who.shopperId, who.sessionId);
    const choice = this.choose(req.slot, who, state);
    // The ANN cache is keyed by shopper and events: an arm with another intent model must not share it.
    const cacheShopper = who.shopperId && choice?.learned === this.deps.learned() ? who.shopperId : null;
    // A category page's list names its category in the context: category-scoped rules read it. A
    // collection's page names its collection: its list is drawn from the collection's items.
    const category = typeof req.context?.category === 'string' ? req.context.category : null;
    const collection = collectionOf(req.context?.collection, 'context.collection', this.deps.collectionMembers);
    const live = { kind: 'recommend' as const, cacheShopper, query: null, queryVector: null, ...(collection ? { collectionMembers: collection.members } : {}) };
    // A product page is about its item: a shopper looking at a helmet after buying one wants helmets there.
    const productPage = typeof req.context?.itemId === 'string';
    return this.serve(live, state, { slot: req.slot, k: req.k, query: null, category, collection: collection?.collectionId ?? null, startedAt, ...who, segments: req.segments, shopperRules: productPage ? [] : this.shopperRules(state, req.slot) }, choice);
  }

  private async searchNow(req: SearchRequest & { facets?: FacetSelection; sort?: SearchSort; typoTolerance?: boolean }): Promise<SearchResult> {
    const startedAt = performance.now();
    const who = this.resolve(req.shopperId, req.sessionId);
    const search = this.deps.search;
    const plan = search?.vocabulary.rewrite(req.query, { typos: req.typoTolerance !== false });
    // The encoder sees the corrected words and the synonyms too. The shopper's state embeds the query
    // as typed (an event now): both embeddings run at once, and one query is embedded once (QueryVectors).
    const queries = this.deps.queryVectors();
    const text = (plan && encoderText(plan)) || req.query;
    const known = queries?.peek(text);
    // Started first: the encoder (its own thread) works while this thread does what needs no vector.
    const embedding = known === undefined ? queries?.get(text) : undefined;
    // Awaited below; a failure before then (the state) must not leave its rejection unhandled.
    embedding?.catch(() => undefined);
    // The query is itself an intent signal: stored like any event, so this search's state and the next recommend see it.
    if (who.shopperId) this.deps.recordSearch({ type: 'search', shopperId: who.shopperId, query: req.query, ...(req.sessionId ? { sessionId: req.sessionId } : {}) });
    // Started before the work below, so the shopper's new queries are embedded meanwhile too.
    const stateRead = this.liveState(who.shopperId, who.sessionId);
    stateRead.catch(() => undefined);
    const filters: SearchFilters | undefined = req.filters || req.facets ? { ...req.filters, ...(req.facets ? { facets: req.facets } : {}) } : undefined;
    const countMatched = (): SearchFacets | undefined => (plan && search ? search.facets.countMatched(plan, filters, FACET_LIMIT) : undefined);
    // While the query is embedded: the facet counts and (when no other request waits for this thread) the keyword half.
    let facets: SearchFacets | undefined | null = null;
    let keywordHits: LexicalHit[] | undefined;
    if (embedding !== undefined) {
      facets = countMatched();
      if (this.placement.alone()) keywordHits = this.deps.retrieval().searchKeywordHalf(req.query, DEPTH.search, filters, plan);
    }
    // Sorted by price or time: the list is drawn from the matched items first in that order (twice k: room for hides and filters).
    const sort = req.sort ?? 'relevance';
    const order = sort === 'relevance' ? undefined : sort;
    const sortedMatches = order && plan && search ? search.facets.topMatched(plan, filters, FACET_LIMIT, order, 2 * req.k) : undefined;
    const state = await stateRead;
    const queryVector = known ?? (embedding ? await this.offThread(embedding) : undefined);
    const live = { kind: 'search' as const, cacheShopper: null, query: req.query, queryVector: queryVector ?? null, ...(filters ? { filters } : {}), ...(plan ? { plan } : {}), ...(keywordHits ? { keywordHits } : {}), ...(sortedMatches ? { sortedMatches } : {}) };
    const ranking = this.serve(live, state, { slot: 'search', k: req.k, query: req.query, category: req.filters?.category ?? singleCategory(req.facets), startedAt, ...who, segments: req.segments, ...(order ? { order } : {}) }, this.choose('search', who, state));
    // Counted while a worker ranks the list, unless counted above.
    if (facets === null) facets = countMatched();
    const list = await ranking;
    if (!plan || !search) return list;
    return {
      ...list,
      sort,
      facets: facets ?? search.facets.countList(list.items.map((i) => i.itemId), FACET_LIMIT),
      rewrite: rewriteOf(plan),
      products: productCards(list, this.deps.items),
    };
  }

  /**
   * rules.preview: the list ranked without some rules and with them (both what-if: no impression,
   * no exploration, everyone's weights), ranked twice as deep as shown so that an item a bury pushed
   * out of the first k keeps its new place, and what those rules did to every item.
   */
  async previewRules(req: z.output<typeof RulePreviewRequest>, draft?: Rule): Promise<RulePreviewResult> {
    const who = this.resolve(req.shopperId, undefined);
    const state = await this.liveState(who.shopperId, null);
    const query = req.slot === 'search' ? (req.query ?? null) : null;
    const category = req.category ?? null;
    const collection = query === null ? collectionOf(req.collection, 'collection', this.deps.collectionMembers) : null;
    let live: Pick<LiveListRequest, 'kind' | 'cacheShopper' | 'query' | 'queryVector' | 'filters' | 'plan' | 'collectionMembers'>;
    if (query !== null) {
      const plan = this.deps.search?.vocabulary.rewrite(query);
      const queryVector = await this.deps.queryVectors()?.get((plan && encoderText(plan)) || query);
      live = { kind: 'search', cacheShopper: null, query, queryVector: queryVector ?? null, ...(category ? { filters: { category } } : {}), ...(plan ? { plan } : {}) };
    } else live = { kind: 'recommend', cacheShopper: null, query: null, queryVector: null, ...(collection ? { collectionMembers: collection.members } : {}) };
    const depth = Math.min(200, req.k * 2);
    const learned = this.deps.learned();
    const listReq = {
      slot: req.slot,
      k: depth,
      shopperId: who.shopperId,
      sessionId: state.intent.currentSessionId,
      query,
      category,
      collection: collection?.collectionId ?? null,
      segments: listSegments(state, null, req.segments),
      coldStart: state.events.length === 0,
      purchaseIntent: state.purchase,
      modelVersion: this.modelVersion(learned),
      ...(query !== null ? { diversity: {} } : { shopperRules: this.shopperRules(state, req.slot) }),
    };
    const ranker = this.deps.ranker;
    const plan = ranker.plan(listReq);
    // A draft applies when its slot, query, category, segment and schedule hold for this list now.
    const sets = previewRuleSets(plan.rules, draft ? { draft, applies: isRuleActive(draft, req.slot, plan.now, plan.context) } : { ruleIds: req.ruleIds });
    // A draft may target a collection no stored rule does: its items are read too.
    const context = ranker.withTargets(plan.context, sets.after);
    const ranking = { ...rankOptions(listReq, plan), context };
    const rank = (rules: readonly Rule[]) => rankLiveList({ ...live, state, ranking: { ...ranking, rules }, exploration: null }, learned, this.liveDeps(), ranker.random);
    const without = rank(sets.before);
    const withRules = rank(sets.after);
    const itemOf = (id: string) => {
      const item = this.deps.items.get(id);
      return item ? catalogCandidate(item) : undefined;
    };
    const list = beforeAfter(without, withRules, sets.previewed, req.k, { slot: req.slot, query, category }, itemOf, context.targetMembers);
    return collection ? { ...list, collection: collection.collectionId } : list;
  }

  /**
   * What the shopper would have been shown after exactly these events, at `now`, with these
   * weights: for the session inspector and for replayed tuning metrics. Logs no impression.
   */
  async replay(events: readonly RecentEvent[], opts: { now: number; k: number; weights: FusionWeights; shopperId: string | null; slot?: string }): Promise<{ list: RankedList; state: ShopperState }> {
    const prepared = await this.prepareReplay(events, opts.now, opts.shopperId);
    return { list: this.rankPrepared(prepared, opts.weights, opts.k, opts.slot), state: prepared.state };
  }

  /**
   * The same service with behaviour signals (co-visitation, popularity, trending) as of `beforeTs`:
   * built from stored events before it only. Leak-proof replays (tuning/) prepare held-out cases
   * with it; the catalogue, models and rules are the ones in force.
   */
  asOf(beforeTs: number): RecommendService {
    const retrieval = this.deps.retrieval().asOf(beforeTs);
    return new RecommendService({ ...this.deps, retrieval: () => retrieval });
  }

  /** The weight-independent half of a replay (intent, candidates, channel scores), to rank again under other weights. */
  async prepareReplay(events: readonly RecentEvent[], now: number, shopperId: string | null): Promise<PreparedReplay> {
    await embedNewQueries(events, this.deps.queryVectors());
    const state = this.stateOf(events, null, now);
    const candidates = scorePool(recommendCandidates(this.deps.retrieval(), state, undefined, this.deps.learned()), state, this.listDeps());
    return { state, candidates, shopperId, now };
  }

  /** Ranks a prepared replay under `weights` (and, for a what-if rule change, this whole rule set instead of the stored one). */
  rankPrepared(p: PreparedReplay, weights: FusionWeights, k: number, slot = 'home', rules?: readonly Rule[]): RankedList {
    return rankScored(p.candidates, p.state, {
      slot,
      k,
      query: null,
      startedAt: performance.now(),
      shopperId: p.shopperId,
      sessionId: p.state.intent.currentSessionId,
      modelVersion: this.modelVersion(),
      whatIf: { weights, now: p.now, ...(rules ? { rules } : {}) },
      shopperRules: this.preparedShopperRules(p, slot),
    }, this.listDeps());
  }

  /** A prepared replay's shopper rules for `slot`, kept on it while the after-purchase policy stays the same. */
  private preparedShopperRules(p: PreparedReplay, slot: string): Rule[] {
    const days = this.afterPurchase()?.days ?? 0;
    const kept = p.shopperRules?.get(slot);
    if (kept && kept.days === days) return kept.rules;
    const rules = this.shopperRules(p.state, slot);
    (p.shopperRules ??= new Map()).set(slot, { days, rules });
    return rules;
  }

  similar(itemId: string, k: number): { itemId: string; items: { itemId: string; title: string; similarity: number }[] } {
    if (!this.deps.items.get(itemId)) throw new ContractError('not_found', `itemId: no item ${itemId} in the catalogue`, [{ path: 'itemId', message: 'not found' }]);
    const hits = this.deps.retrieval().similar(itemId, k);
    return { itemId, items: hits.flatMap((h) => (this.deps.items.get(h.itemId) ? [{ itemId: h.itemId, title: this.deps.items.get(h.itemId)!.title, similarity: h.score }] : [])) };
  }

  /** The shopper's intent vector now (queries not embedded yet are left out); null for a cold start. */
  intentOf(shopperId: string): Float32Array | null {
    return this.stateOf(this.deps.sessions.recent(shopperId), null, this.now()).intent.vector;
  }

  private resolve(shopperId: string | undefined, sessionId: string | undefined): { shopperId: string | null; sessionId: string | null } {
    // An unknown shopper or session is not an error: it gets the cold-start list.
    const owner = shopperId ?? (sessionId !== undefined ? this.deps.ownerOfSession(sessionId) : undefined);
    return { shopperId: owner ?? null, sessionId: sessionId ?? null };
  }

  /**
   * Waits for work done on another thread (a query's embedding) without counting as in flight: a
   * list that arrives meanwhile finds this thread free, and is ranked here at once rather than sent
   * to a worker as if it were concurrent with this one (its reply would then wait behind this
   * request's ranking when it resumes).
   */
  private offThread<T>(work: Promise<T>): Promise<T> {
    return this.placement.away(work);
  }

  private async liveState(shopperId: string | null, sessionId: string | null): Promise<ShopperState> {
    const events = shopperId ? this.deps.sessions.recent(shopperId) : [];
    const queries = this.deps.queryVectors();
    const missing = queriesToEmbed(events, queries);
    if (missing.length > 0) await this.offThread(Promise.all(missing.map((q) => queries!.get(q))));
    return this.stateOf(events, sessionId, this.now());
  }

  private stateOf(events: readonly RecentEvent[], sessionId: string | null, now: number): ShopperState {
    return shopperState(events, sessionId, now, { retrieval: this.deps.retrieval(), queries: this.deps.queryVectors(), purchaseModel: this.deps.purchaseIntent(), intents: this.intents });
  }

  private choose(slot: string, who: { shopperId: string | null; sessionId: string | null }, state: ShopperState): ServingChoice | undefined {
    return this.deps.choose?.(slot, who.shopperId ?? who.sessionId, { purchaseIntent: state.purchase, coldStart: state.events.length === 0 });
  }

  /**
   * A live list: the stores are read here (weights, rules, exploration), the candidates are
   * proposed, scored and ranked here or on a serving worker, and the list is logged here.
   */
  private async serve(
    live: Pick<LiveListRequest, 'kind' | 'cacheShopper' | 'query' | 'queryVector' | 'filters' | 'plan' | 'keywordHits' | 'sortedMatches' | 'collectionMembers'>,
    state: ShopperState,
    req: { slot: string; k: number; query: string | null; category: string | null; collection?: string | null; startedAt: number; shopperId: string | null; sessionId: string | null; segments: readonly string[] | undefined; shopperRules?: readonly Rule[]; order?: RankOptions['order'] },
    choice: ServingChoice | undefined,
  ): Promise<RankedList> {
    const learned = choice ? choice.learned : this.deps.learned();
    const listReq = {
      slot: req.slot,
      k: req.k,
      shopperId: req.shopperId,
      sessionId: req.sessionId ?? state.intent.currentSessionId,
      query: req.query,
      category: req.category,
      collection: req.collection ?? null,
      segments: listSegments(state, req.sessionId, req.segments),
      coldStart: state.events.length === 0,
      purchaseIntent: state.purchase,
      modelVersion: this.modelVersion(learned),
      startedAt: req.startedAt,
      ...(choice ? { serving: choice.serving } : {}),
      // A search asks for one kind of thing: only recommendation slots are diversified.
      ...(req.query !== null ? { diversity: {} } : {}),
      ...(req.shopperRules?.length ? { shopperRules: req.shopperRules } : {}),
    };
    const ranker = this.deps.ranker;
    const plan = ranker.plan(listReq);
    const annAt = live.kind === 'recommend' && live.cacheShopper && state.intent.vector ? { shopperId: live.cacheShopper, key: annKey(state, this.deps.retrieval()) } : null;
    // Hits a worker searched for are on that worker already (a shopper's lists go to the same one): only this thread's own are sent.
    const known = annAt ? this.ann.entry(annAt.shopperId, annAt.key, state.now) : undefined;
    const annHits = known && !known.fromWorker ? known.hits : undefined;
    // A sorted search is ordered by its key, so nothing in it is explored.
    const ranking = { ...rankOptions(req, plan), ...(req.order ? { order: req.order } : {}) };
    const job: LiveListRequest = { ...live, state, ranking, exploration: req.order ? null : (plan.exploration ?? null), ...(annHits ? { annHits } : {}) };
    // A search reads its filters from this thread's item cache (a replica's can lag the store), so
    // only concurrent searches go to a worker; a busy thread hands recommendation lists over.
    const where = this.deps.offload && this.deps.offloadWhen !== 'always' ? this.placement.choose(live.kind) : { offload: true };
    const offload = this.deps.offload && where.offload ? this.deps.offload(job, learned) : undefined;
    const ranked = await offload;
    if (offload) where.back?.();
    const { annHits: searched, ...outcome } = ranked ?? rankLiveList(job, learned, this.liveDeps(), ranker.random);
    // Neighbours a worker searched for are this thread's too (rankLiveList here has cached its own).
    if (annAt && searched && ranked) this.ann.set(annAt.shopperId, annAt.key, state.now, searched, true);
    const { removed: _removed, unplacedPins: _unplaced, ...list } = ranker.log(listReq, plan, { ...outcome, removed: [], unplacedPins: [] });
    const redirect = redirectOf(plan.rules);
    return redirect === undefined ? list : { ...list, redirect };
  }

  /** A recommendation list's rules from the shopper's own events: substitutes of a recent purchase are left out. */
  private shopperRules(state: ShopperState, slot: string): Rule[] {
    return afterPurchaseRules(state.events, state.now, slot, this.deps.items, this.afterPurchase());
  }

  /** The after-purchase policy in force (read on every list: the console can change it). */
  private afterPurchase(): AfterPurchaseSettings | undefined {
    const policy = this.deps.afterPurchase;
    return typeof policy === 'function' ? policy() : policy;
  }

  /** The models behind a list: the text encoder, and the intent model when one serves. */
  private modelVersion(learned = this.deps.learned()): string {
    return learned ? `${this.deps.modelVersion()}+${learned.version}` : this.deps.modelVersion();
  }

  private listDeps(): { retrieval: RetrievalService; items: ItemCache; ranker: Ranker; visual: VisualVectors } {
    return { retrieval: this.deps.retrieval(), items: this.deps.items, ranker: this.deps.ranker, visual: this.deps.visual };
  }

  private liveDeps(): LiveListDeps {
    return { retrieval: this.deps.retrieval(), items: this.deps.items, visual: this.deps.visual, ann: this.ann };
  }

  private now(): number {
    return (this.deps.clock ?? Date.now)();
  }
}
