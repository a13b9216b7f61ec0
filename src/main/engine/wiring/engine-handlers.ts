import { join, resolve } from 'node:path';
import type { EngineInfo, EngineVersions } from '../../../shared/contract';
import { catalogHandlers } from '../catalog/catalog-handlers';
import { collectionHandlers } from '../catalog/collection-handlers';
import { DEFAULT_RESULTS_DIR } from '../eval';
import { evalHandlers } from '../eval/eval-handlers';
import { modelHandlers } from '../finetune/finetune-handlers';
import { importHandlers } from '../import/import-handlers';
import { eventHandlers } from '../ingest/event-handlers';
import { SessionInspector } from '../inspect/session-inspector';
import { jobHandlers } from '../jobs/job-handlers';
import { actorOf } from '../loop/audit/actor';
import { AuditQuery } from '../loop/audit/audit-query';
import { experimentHandlers } from '../loop/experiments';
import { loopHandlers } from '../loop/loop-handlers';
import { opeHandlers } from '../loop/ope';
import { offPolicyAutoTune } from '../loop/ope/off-policy-auto-tune';
import { policyHandlers } from '../loop/policy/policy-handlers';
import { merchandisingHandlers } from '../merchandising/merchandising-handlers';
import { RuleHistoryQuery } from '../merchandising/rule-history';
import { RuleTransfer } from '../merchandising/rule-transfer';
import { privacyHandlers } from '../privacy/privacy-handlers';
import { afterPurchaseHandlers } from '../recommend/after-purchase-handlers';
import { recommendHandlers } from '../recommend/recommend-handlers';
import { searchHandlers } from '../retrieval/search-handlers';
import type { HandlerMap } from '../rpc/handler-map';
import { settingsHandlers } from '../settings/settings-handlers';
import type { SettingsService } from '../settings/settings-service';
import { tuningHandlers } from '../tuning/tuning-handlers';
import { userHandlers } from '../users/user-handlers';
import type { VisualService } from '../visual';
import { visualHandlers } from '../visual/visual-handlers';
import type { CatalogJobServices } from './catalog-job-services';
import type { EngineCore } from './engine-core';
import type { GuardServices } from './guard-services';
import type { LiveDataServices } from './live-data-services';
import type { LoopServices } from './loop-services';
import type { ModelServices } from './model-services';
import type { PolicyServices } from './policy-services';
import type { PrivacyServices } from './privacy-services';
import type { RecommendServices } from './recommend-services';

/** Everything the contract's methods are answered with. */
export interface HandlerServices {
  readonly live: LiveDataServices;
  readonly catalogJobs: CatalogJobServices;
  readonly policy: PolicyServices;
  readonly models: ModelServices;
  readonly loop: LoopServices;
  readonly recommend: RecommendServices;
  readonly guard: GuardServices;
  readonly privacy: PrivacyServices;
  readonly visual: VisualService;
  readonly settings: SettingsService;
  readonly logsDir: string;
  readonly info: () => EngineInfo;
  readonly versions: () => EngineVersions;
}

/** The contract's handler table, one map per capability (the dispatcher refuses a method answered twice or not at all). */
export function engineHandlers(core: EngineCore, s: HandlerServices): HandlerMap[] {
  const { db, audit, options } = core;
  const { live, catalogJobs, policy, models, recommend, guard } = s;
  const { loop, experiments } = s.loop;
  return [
    { 'engine.info': () => s.info() },
    eventHandlers(live.ingest, core.events, core.stats),
    catalogHandlers(core.catalog, live.publishStats),
    collectionHandlers(policy.collections),
    importHandlers(catalogJobs.imports, audit),
    jobHandlers(catalogJobs.jobs, catalogJobs.jobRepository, catalogJobs.embeddings),
    recommendHandlers({
      service: recommend.recommender,
      weights: policy.weights,
      rules: policy.rules,
      impressions: policy.impressions,
      sessions: live.sessions,
      ownerOfSession: recommend.ownerOfSession,
      purchaseIntent: () => core.late.purchaseModel(),
      guard: guard.guard,
    }),
    visualHandlers(s.visual),
    searchHandlers({ vocabulary: live.searchVocabulary, synonyms: live.synonyms, suggestions: live.querySuggestions }),
    merchandisingHandlers({
      transfer: new RuleTransfer({ db, rules: policy.rules, audit, refreshSynonyms: () => live.searchVocabulary.setSynonyms(live.synonyms.sets()) }),
      history: new RuleHistoryQuery(db),
      rules: policy.rules,
    }),
    modelHandlers({
      fineTune: {
        db,
        vectors: core.vectors,
        jobs: catalogJobs.jobs,
        registry: models.intentModels,
        modelDir: join(options.dataDir, 'models', 'intent'),
        textVersion: () => core.late.textVersion(),
        load: models.loadAsync,
        ...options.fineTune,
      },
      registry: models.intentModels,
      load: (version, actor) => models.servedModel.load(version, actor),
      swap: (model) => models.servedModel.serve(model),
      serially: (change) => models.servedModel.serially(change),
      guard: guard.guard,
    }),
    tuningHandlers({
      db,
      recommender: recommend.recommender,
      inspector: new SessionInspector({ events: core.events, stats: core.stats, recommender: recommend.recommender, items: core.items, weights: policy.weights }),
      weights: policy.weights,
      jobs: catalogJobs.jobs,
      windows: guard.heldOutWindows,
      offPolicyTune: (req, ctx) => offPolicyAutoTune(policy.ope, db, { ...req, now: Date.now() }, ctx),
    }),
    loopHandlers({ loop, audit: new AuditQuery(db), guard: guard.guard, guardSettings: guard.guardSettings, exploration: policy.exploration }),
    opeHandlers({ ope: policy.ope, reward: policy.reward }),
    policyHandlers({ policies: policy.policies, guard: guard.guard }),
    privacyHandlers({ privacy: s.privacy.privacy, retention: s.privacy.retention }),
    experimentHandlers({ service: experiments, guard: guard.guard, actorOf }),
    userHandlers(s.privacy.users),
    afterPurchaseHandlers(policy.afterPurchase),
    settingsHandlers({
      settings: s.settings,
      logsDir: s.logsDir,
      versions: s.versions,
      ...(options.revealLogs ? { revealLogs: options.revealLogs } : {}),
    }),
    evalHandlers(resolve(options.evalResultsDir ?? process.env.INSTINCT_EVAL_RESULTS ?? DEFAULT_RESULTS_DIR)),
  ];
}
