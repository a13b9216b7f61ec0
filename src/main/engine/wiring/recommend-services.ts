import type { IngestService } from '../ingest/ingest-service';
import { Ranker } from '../ranking';
import { RecommendService } from '../recommend/recommend-service';
import { ServingChoices } from '../recommend/serving-choice';
import { LexicalSearch, MatchedFacets, type SearchVocabulary } from '../retrieval';
import type { LiveSessions } from '../sessions/live-sessions';
import type { VisualService } from '../visual';
import type { ExperimentService } from '../loop/experiments';
import type { EngineCore } from './engine-core';
import { RECOMMENDATION_DIVERSITY } from './list-settings';
import type { ModelServices } from './model-services';
import type { PolicyServices } from './policy-services';

/** Live lists: what serves each request (experiment arms included), the ranker, and the recommend/search service. */
export interface RecommendServices {
  readonly ranker: Ranker;
  readonly recommender: RecommendService;
  readonly ownerOfSession: (sessionId: string) => string | undefined;
}

export interface RecommendWiring {
  readonly policy: PolicyServices;
  readonly models: ModelServices;
  readonly experiments: ExperimentService;
  readonly sessions: LiveSessions;
  readonly ingest: IngestService;
  readonly searchVocabulary: SearchVocabulary;
  readonly visual: VisualService;
}

export function recommendServices(core: EngineCore, w: RecommendWiring): RecommendServices {
  const { late, items } = core;
  const { policy, models } = w;
  const ownerOfSession = (sessionId: string): string | undefined => core.stats.sessionOwner(sessionId);
  const servingChoices = new ServingChoices({
    assign: (slot, unitKey) => w.experiments.assign(slot, unitKey),
    weights: policy.weights,
    learned: () => models.servedModel.current,
    // Only asked once the arm's model is loaded: until then experiments.assign puts no one in its experiment.
    loadModel: (version) => models.armModels.model(version),
    policy: () => policy.policies.serving(),
    loadPolicy: (version) => policy.policies.load(version),
  });
  const ranker = new Ranker({
    weights: policy.weights,
    rules: policy.rules,
    impressions: policy.impressions,
    catalog: core.catalog,
    diversity: RECOMMENDATION_DIVERSITY,
    exploration: (slot) => policy.exploration.forSlot(slot),
    collectionItems: (id) => policy.collections.members(id),
  });
  const matchedFacets = new MatchedFacets(new LexicalSearch(core.db, items), items);
  const recommender = new RecommendService({
    retrieval: () => late.retrieval(),
    items,
    sessions: w.sessions,
    ranker,
    queryVectors: () => late.queryVectors(),
    purchaseIntent: () => late.purchaseModel(),
    ownerOfSession,
    recordSearch: (event) => w.ingest.ingest([event]),
    visual: w.visual.vectors,
    learned: () => models.servedModel.current,
    modelVersion: () => late.indexVersion(),
    choose: (slot, unitKey, context) => servingChoices.choose(slot, unitKey, context),
    offload: (list, learned) => (late.closed() ? undefined : late.serving()?.rank(list, learned)),
    offloadWhen: core.options.servingOffload ?? 'busy',
    afterPurchase: () => policy.afterPurchase.current(),
    search: { vocabulary: w.searchVocabulary, facets: matchedFacets },
    collectionMembers: (id) => policy.collections.members(id),
  });
  return { ranker, recommender, ownerOfSession };
}
