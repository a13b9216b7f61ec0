/** What the recommend service is built from, and a prepared replay (recommend-service.ts). */
import type { EventInput, Rule } from '../../../shared/contract';
import type { ServingIntentModel } from '../finetune/serving-intent-model';
import type { PurchaseIntentModel, Ranker, RankingCandidate } from '../ranking';
import type { MatchedFacets, RetrievalService, SearchVocabulary } from '../retrieval';
import type { LiveSessions } from '../sessions/live-sessions';
import type { VisualVectors } from '../visual';
import type { ItemCache } from './item-cache';
import type { LiveListRequest, LiveOutcome } from './live-list';
import type { QueryVectors } from './query-vectors';
import type { ListContextForPolicy, ServingChoice } from './serving-choice';
import type { ShopperState } from './shopper-state';
import type { AfterPurchaseSettings } from './after-purchase';

/** A replay's state and scored candidates at one moment: ranking it again under other weights costs only the ranker. */
export interface PreparedReplay {
  state: ShopperState;
  candidates: readonly RankingCandidate[];
  shopperId: string | null;
  now: number;
  /** The shopper's own rules per slot, worked out once for the policy in force (tuning ranks one replay under many weights). */
  shopperRules?: Map<string, { days: number; rules: Rule[] }>;
}

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
  /** The promoted intent model, if one serves. */
  learned: () => ServingIntentModel | undefined;
  modelVersion: () => string;
  /** What serves a live request (an experiment arm's policy, or everyone's); default: everyone's weights, rules and intent model. */
  choose?: (slot: string, unitKey: string | null, context: ListContextForPolicy) => ServingChoice;
  /**
   * Ranks a live list elsewhere (a serving worker); undefined when none can take it now or it
   * failed, and the list is then ranked on this thread. Either way the list is logged here.
   */
  offload?: (req: LiveListRequest, learned: ServingIntentModel | undefined) => Promise<LiveOutcome | undefined> | undefined;
  /**
   * When a live list goes to `offload`: 'busy' (default) only while another recommend or search is
   * in flight here or (recommendation lists) the engine's thread was busy over the last 100 ms
   * (loop-load.ts), so a lone request is not slowed by the hop to a worker and back while a loaded
   * engine uses another core; 'always' every list.
   */
  offloadWhen?: OffloadWhen;
  /** How long recommendation lists leave out substitutes of a purchase (default AFTER_PURCHASE_DEFAULTS; days 0 = off); a function is read at every list (a setting the console changes). */
  afterPurchase?: AfterPurchaseSettings | (() => AfterPurchaseSettings);
  clock?: () => number;
  /** A collection's items in the catalogue; undefined for no such collection (a collection list's request is refused). */
  collectionMembers?: (collectionId: string) => string[] | undefined;
  /** Search words (typo corrections, synonyms) and the keyword-matched items facets count; absent: the query is searched as typed, no facets. */
  search?: {
    vocabulary: SearchVocabulary;
    /** Facet counts over the keyword-matched items (at most `limit`), or over the returned list when nothing matches by keyword. */
    facets: Pick<MatchedFacets, 'countMatched' | 'countList' | 'topMatched'>;
  };
}

export type OffloadWhen = 'busy' | 'always';
